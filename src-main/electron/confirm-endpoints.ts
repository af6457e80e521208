// The native question main asks before a settings change sends tokens somewhere new. It is a modal on the
// app window, drawn by the OS, so the renderer (which asked for the change) can neither answer nor fake it.
import type { BaseWindow, Dialog } from 'electron';
import type { EndpointChange } from '../core/settings';

export const USE_ENDPOINTS = 'Use these endpoints';
export const CANCEL = 'Cancel';

const CLOUD_LABELS: Record<string, string> = {
  global: 'Global',
  usGovL4: 'US Government L4',
  usGovL5: 'US Government L5 (DoD)',
  china: 'China (21Vianet)',
  custom: 'Custom',
};

function hostOf(url: string | null): string {
  if (!url) return '(none)';
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The dialog text: exactly which hosts will receive the sign-in and the Graph bearer token. */
export function describeEndpointChange(change: EndpointChange): { message: string; detail: string } {
  return {
    message: 'Send your sign-in and access tokens to these endpoints?',
    detail:
      `Cloud: ${CLOUD_LABELS[change.cloud] ?? change.cloud}\n` +
      `Sign-in authority host: ${hostOf(change.authority)}\n` +
      `Microsoft Graph service root: ${change.graphRoot}\n\n` +
      'Portolan will sign in at this authority and send your access token to this Graph root with every lookup. ' +
      'Continue only if you (or your administrator) chose these addresses.',
  };
}

/** Resolves true only when the user picks "Use these endpoints"; no window or any other answer is a no. */
export async function confirmEndpointsWithDialog(
  dialog: Pick<Dialog, 'showMessageBox'>,
  window: BaseWindow | null,
  change: EndpointChange,
): Promise<boolean> {
  if (!window) return false;
  const { message, detail } = describeEndpointChange(change);
  const { response } = await dialog.showMessageBox(window, {
    type: 'warning',
    title: 'Confirm sign-in and Graph endpoints',
    message,
    detail,
    buttons: [USE_ENDPOINTS, CANCEL],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  });
  return response === 0;
}
