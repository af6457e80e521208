/** Badge tone for a hostPort status; unknown values (Graph may add some) stay neutral. */
export function statusTone(status: string | null): 'ok' | 'warn' | 'danger' | '' {
  switch (status) {
    case 'open':
      return 'ok';
    case 'filtered':
      return 'warn';
    case 'closed':
      return 'danger';
    default:
      return '';
  }
}
