// History export is a download the renderer starts from a blob: (or data:) URL it built itself. Any other
// download (a remote URL, or a file a navigation tried to fetch) is cancelled: the window never loads
// remote content, so a remote download could only be something an attacker steered it to. Electron still
// shows its native save dialog, so the analyst chooses where the file goes.
import type { Session } from 'electron';
import { originOf } from './app-protocol';

export function isAllowedDownloadUrl(url: string, appOrigin: string): boolean {
  if (url.startsWith('data:')) return true;
  if (url.startsWith('blob:')) return originOf(url.slice('blob:'.length)) === appOrigin;
  return false;
}

export function installDownloadPolicy(session: Session, appOrigin: string): void {
  session.on('will-download', (event, item) => {
    if (!isAllowedDownloadUrl(item.getURL(), appOrigin)) event.preventDefault();
  });
}
