// What each error kind usually means, in the analyst's terms. Main's message is shown first; these add context.
// The choice rests on kind, status, code and field only: main's messages are for reading, and may be reworded.
import type { ErrorCode } from '../../../src-shared/error-codes';
import type { PortolanError } from '../../../src-shared/views';

export interface ErrorExplanation {
  title: string;
  hint: string | null;
}

// Both statements, because tenants meet both: current docs and the older requirement.
const LICENCE_FACTS =
  "Microsoft's current documentation says the threat intelligence APIs are available with a Microsoft Defender XDR or Microsoft Sentinel licence; " +
  'older documentation required a Microsoft Defender Threat Intelligence licence plus the API add-on.';
const LICENCE_HINT = `A missing licence for the threat intelligence API is a likely cause. ${LICENCE_FACTS}`;

// The renderer imports types only from main's side; ErrorCode checks these names against the shared list.
const HISTORY_MISSES: ReadonlySet<string> = new Set<ErrorCode>(['HISTORY_SNAPSHOT_NOT_FOUND', 'HISTORY_HOST_PORT_NOT_FOUND', 'HISTORY_UNDO_EXPIRED']);

/** Socket errors whose message from main already says to check the network connection (and DNS). */
const CHECK_NETWORK_CODES: ReadonlySet<string> = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_NAME_NOT_RESOLVED']);

export function explainError(e: PortolanError): ErrorExplanation {
  // An answer from Graph carries its HTTP status, and main's message for it already says what it means and
  // what to do (never observed, licensing, consent, try again later), so the hint is not repeated under it.
  const fromGraph = e.status !== undefined;
  switch (e.kind) {
    case 'notFound':
      // The history store answers notFound too (a snapshot deleted meanwhile); that is not a Graph verdict.
      if (e.code !== undefined && HISTORY_MISSES.has(e.code)) return { title: 'Not in the history', hint: null };
      if (e.status === 410) return { title: 'No longer exists', hint: null };
      return { title: 'Never observed', hint: fromGraph ? null : 'Defender Threat Intelligence has never observed this host and port.' };
    case 'licence':
      return { title: 'Licence may be missing', hint: fromGraph ? null : LICENCE_HINT };
    case 'server':
      // Only main's 'licence' kind (500 generalException or a 500 HTML page) and 403 point at a licence.
      return { title: 'Graph server error', hint: 'Graph failed on its side. Try again in a moment.' };
    case 'unavailable':
      return {
        title: 'Graph unavailable',
        hint: fromGraph ? null : 'Microsoft Graph, or a gateway or proxy in between, is not answering. Try again in a few minutes.',
      };
    case 'forbidden':
      return {
        title: 'Access denied',
        hint: fromGraph
          ? null
          : `The account needs the ThreatIntelligence.Read.All permission with admin consent, and the tenant a licence for the threat intelligence API. ${LICENCE_FACTS}`,
      };
    case 'unauthorized':
    case 'signInRequired':
      return { title: 'Sign-in required', hint: 'Sign in again to continue.' };
    case 'throttled':
      return { title: 'Throttled by Graph', hint: 'Graph asked Portolan to slow down. Wait before trying again.' };
    case 'offline':
    case 'network':
      // Main marks a failure on the way to the sign-in authority with the setting that chose it (field 'cloud'),
      // and says there what to check; Graph is the default.
      if (e.field === 'cloud') return { title: 'Cannot reach the sign-in authority', hint: null };
      return {
        title: 'Cannot reach Graph',
        hint: e.field !== 'proxy' && e.code !== undefined && CHECK_NETWORK_CODES.has(e.code) ? null : 'Check the network connection, proxy or VPN, then try again.',
      };
    case 'timeout':
      return { title: 'Timed out', hint: 'Graph did not answer in time. Try again.' };
    case 'invalidResponse':
      return { title: 'Unreadable response', hint: 'Graph answered with something Portolan could not read.' };
    case 'invalidInput':
      return { title: 'Check the input', hint: null };
    case 'notConfigured':
      return { title: 'Not configured yet', hint: 'Open Settings to enter the tenant and application (client) ID.' };
    case 'storage':
      return { title: 'Storage problem', hint: null };
    case 'cancelled':
      return { title: 'Cancelled', hint: null };
    default:
      return { title: 'Something went wrong', hint: null };
  }
}
