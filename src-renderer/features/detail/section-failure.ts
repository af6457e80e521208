// A host section's failure in one line, chosen by kind, status and code (never by main's wording); the
// message itself follows, for the details.
import { ERROR_CODES } from '../../../src-shared/error-codes';
import type { PortolanError } from '../../../src-shared/views';

export function sectionFailureTitle(error: PortolanError): string {
  if (error.code === ERROR_CODES.ENDPOINT_NOT_IN_CLOUD) return 'Not available in this cloud';
  switch (error.kind) {
    case 'notFound':
      return 'Nothing observed';
    case 'forbidden':
      return 'Access denied (consent or licence)';
    case 'licence':
      return 'Possibly no Defender Threat Intelligence licence';
    case 'throttled':
      return 'Throttled by Microsoft Graph';
    case 'offline':
    case 'network':
    case 'timeout':
      return 'Graph could not be reached';
    default:
      return 'This section could not be loaded';
  }
}
