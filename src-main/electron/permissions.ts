// Portolan's renderer needs no browser permissions: no camera, microphone, geolocation, notifications,
// MIDI, HID, serial, USB, pointer lock, file-system access or openExternal-by-protocol. Electron's default
// is to GRANT every request, so without these handlers any page that ever ended up in the window could
// ask for them. The single exception is writing plain text to the clipboard (the banner "Copy" button),
// and only for our own app origin; clipboard READ is never allowed, so a page cannot harvest the
// analyst's clipboard.
import type { Session } from 'electron';
import { originOf } from './app-protocol';

const ALLOWED_FOR_APP_ORIGIN: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingUrlOrOrigin: string | undefined, appOrigin: string): boolean {
  if (!ALLOWED_FOR_APP_ORIGIN.has(permission)) return false;
  return requestingUrlOrOrigin !== undefined && originOf(requestingUrlOrOrigin) === appOrigin;
}

export function installPermissionPolicy(session: Session, appOrigin: string): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, appOrigin));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, appOrigin),
  );
  // Device pickers (HID, serial, USB, Bluetooth) are never needed: refuse them outright.
  session.setDevicePermissionHandler(() => false);
}
