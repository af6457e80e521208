// ipcMain wiring: one handler per contract channel, nothing else. Every call is checked twice before it
// reaches the core: the sender must be the main frame of our own window, currently showing our own
// origin (so a navigated-away, injected or framed page cannot call in), and the payload must pass the
// contract's zod schema (dispatch). Refusals are typed Result values, never throws: a thrown Error
// crosses Electron IPC as a bare message with its fields lost.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNEL_NAMES, ipcChannel, type ChannelName } from '../../src-shared/channels';
import { dispatch, type Handlers, type PortolanError, type Result } from '../../src-shared/contract';
import { originOf } from './app-protocol';

export interface SenderPolicy {
  appOrigin: string;
  /** The web contents of our main window, or null while there is none. */
  trustedContents(): WebContents | null;
}

export const UNTRUSTED_SENDER: PortolanError = Object.freeze({
  kind: 'forbidden',
  code: 'untrustedSender',
  message: "Refused: the request did not come from Portolan's own window.",
});

/** Null when the sender is trusted, otherwise the typed reason to refuse. */
export function checkSender(event: IpcMainInvokeEvent, policy: SenderPolicy): PortolanError | null {
  const frame = event.senderFrame;
  // senderFrame is null when the frame navigated or was destroyed after sending.
  if (!frame || frame.detached) return UNTRUSTED_SENDER;
  const contents = policy.trustedContents();
  if (!contents || event.sender !== contents) return UNTRUSTED_SENDER;
  // Main frame only: an iframe (which CSP and navigation rules should already prevent) gets nothing.
  const main = contents.mainFrame;
  if (frame.parent !== null || frame.processId !== main.processId || frame.routingId !== main.routingId) return UNTRUSTED_SENDER;
  if (originOf(frame.url) !== policy.appOrigin) return UNTRUSTED_SENDER;
  return null;
}

/** Registers every contract channel. Returns a function that removes them again. */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, handlers: Handlers, policy: SenderPolicy): () => void {
  const registered: string[] = [];
  for (const name of CHANNEL_NAMES) {
    const channel = ipcChannel(name);
    ipcMain.handle(channel, (event, payload: unknown) => handleCall(handlers, policy, name, event, payload));
    registered.push(channel);
  }
  return () => registered.forEach((channel) => ipcMain.removeHandler(channel));
}

async function handleCall(
  handlers: Handlers,
  policy: SenderPolicy,
  name: ChannelName,
  event: IpcMainInvokeEvent,
  payload: unknown,
): Promise<Result<unknown>> {
  const refused = checkSender(event, policy);
  if (refused) return { ok: false, error: { ...refused } };
  return dispatch(handlers, name, payload);
}
