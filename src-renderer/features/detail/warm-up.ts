// The first detail after the app starts would otherwise also pay for compiling the detail view's code and
// parsing its templates (about as much again as rendering it). Rendering a small made-up detail once, off the
// document, while the app is idle after starting moves that cost out of the analyst's first lookup. Nothing of
// it is shown, attached to the page or sent anywhere (a saved detail asks main for nothing).
import { flushSync, mount, unmount } from 'svelte';
import type { Stamp } from '../../../src-shared/views';
import type { DetailInput } from './detail-input';
import DetailView from './DetailView.svelte';
import LoadingState from './LoadingState.svelte';

const stamp = (raw: string): Stamp => ({ raw, ms: Date.parse(raw) });

function sample(): DetailInput {
  const seen = stamp('2024-01-01T00:00:00Z');
  const banner = (text: string, scanProtocol: string) => ({ banner: text, scanProtocol, firstSeen: seen, lastSeen: seen, timesObserved: 1 });
  return {
    hostPort: {
      id: 'warm-up',
      port: 443,
      protocol: 'tcp',
      status: 'open',
      firstSeen: seen,
      lastSeen: seen,
      lastScan: seen,
      timesObserved: 2,
      banners: [banner('HTTP/1.1 200 OK\r\nServer: x\r\n\r\n', 'http_raw'), banner('\u001b[31mx\u001b[0m \u202Ex\u202C\t\u0000', 'telnet')],
      services: [{ firstSeen: seen, lastSeen: seen, isRecent: true, component: { id: 'c', name: 'x', version: '1', category: 'Server', firstSeen: seen, lastSeen: seen } }],
      certificate: null,
      host: { id: '192.0.2.1', odataType: null, firstSeen: seen, lastSeen: seen, details: {} },
      extra: {},
      warnings: [],
    },
    raw: '{}',
    request: { url: 'https://graph.invalid/v1.0/security/threatIntelligence/hostPorts/warm-up', select: [], expand: [], resolvedFrom: { host: '192.0.2.1', port: 443 }, idFrom: 'portList' },
    source: 'graph',
    fetchedAt: seen.raw!,
    savedAt: seen.raw!,
    portList: {
      host: '192.0.2.1',
      entries: [
        { id: 'warm-up', port: 443, protocol: 'tcp', status: 'open', lastSeen: seen },
        { id: 'warm-up-2', port: 80, protocol: 'tcp', status: 'open', lastSeen: seen },
      ],
    },
  };
}

/** Renders the loading state and a made-up saved detail off the document and removes them again, in one go. */
export function warmDetailView(): void {
  const target = document.createElement('div');
  const loading = mount(LoadingState, { target, props: { target: '192.0.2.1:443', startedAt: Date.now() } });
  const view = mount(DetailView, { target, props: { detail: sample(), saved: true } });
  flushSync();
  void unmount(view);
  void unmount(loading);
}
