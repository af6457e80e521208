// Client-side checks that give quick feedback. They are main's own rules (shared/host-port-input and
// shared/host-port-id), so the form never accepts what lookup:run refuses, or the other way round; main
// validates again and is the authority.
import { hostPortIdProblem } from '../../../src-shared/host-port-id';
import { ENTER_HOST, ENTER_PORT, parseHostInput, parseLookupInput, parsePortInput } from '../../../src-shared/host-port-input';

/** The form's three text fields, as typed. */
export interface LookupFields {
  host: string;
  port: string;
  hostPortId: string;
}

export interface LookupProblems {
  host?: string;
  port?: string;
  hostPortId?: string;
  form?: string;
}

export type LookupTarget = { kind: 'hostPort'; host: string; port: number } | { kind: 'id'; hostPortId: string };

export function validateLookup(input: LookupFields): { problems: LookupProblems; target: LookupTarget | null } {
  const host = input.host.trim();
  const port = input.port.trim();
  const id = input.hostPortId.trim();

  if (id && (host || port)) {
    return { problems: { form: 'Use either a host and a port, or a host port ID, not both.' }, target: null };
  }
  if (id) {
    const problem = hostPortIdProblem(id);
    return problem ? { problems: { hostPortId: problem }, target: null } : { problems: {}, target: { kind: 'id', hostPortId: id } };
  }
  if (!host && !port) {
    return { problems: { form: 'Enter a host and a port, or a host port ID.' }, target: null };
  }
  const read = host ? parseLookupInput({ host, port }) : ({ ok: false, field: 'host', error: ENTER_HOST } as const);
  if (!read.ok) {
    const problems: LookupProblems = { [read.field]: read.error };
    // Both fields explained at once when both are wrong.
    if (read.field === 'host' && port) {
      const p = parsePortInput(port);
      if (!p.ok) problems.port = p.error;
    }
    return { problems, target: null };
  }
  if (read.hostPortId !== undefined) return { problems: {}, target: { kind: 'id', hostPortId: read.hostPortId } };
  if (read.port === undefined) return { problems: { port: ENTER_PORT }, target: null };
  return { problems: {}, target: { kind: 'hostPort', host: read.host, port: read.port } };
}

export interface TidiedHost {
  host: string;
  port: string;
  hostPortId: string;
  /** What was changed, shown under the Host field. */
  notes: string[];
}

/**
 * What the Host field becomes after a paste or when it loses focus: the host as it will be looked up, the
 * port a URL or host:port carried moved into Port, a Graph link's id into Host port ID. A written port
 * replaces what Port held (the paste is the newer intent); a port only implied by a URL's scheme fills an
 * empty Port and never overrides one. Null when there is nothing to change or the text cannot be read
 * (the problem is then shown on submit, as for any other mistake).
 */
export function tidyHostField(fields: { host: string; port: string; hostPortId: string }): TidiedHost | null {
  if (fields.host.trim() === '') return null;
  const read = parseHostInput(fields.host);
  if (!read.ok) return null;
  if (read.hostPortId !== undefined) {
    if (fields.port.trim() !== '' || fields.hostPortId.trim() !== '') return null;
    return { host: '', port: '', hostPortId: read.hostPortId, notes: read.notes };
  }
  let port = fields.port;
  let notes = read.notes;
  if (read.port !== undefined) {
    if (read.portFrom === 'written' || fields.port.trim() === '') port = String(read.port);
    else notes = notes.filter((n) => !n.startsWith(`Port ${read.port} assumed`));
  }
  if (read.host === fields.host && port === fields.port) return null;
  return { host: read.host, port, hostPortId: fields.hostPortId, notes };
}
