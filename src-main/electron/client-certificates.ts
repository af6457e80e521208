// Since Electron 44, requests made through `net` also raise 'select-client-certificate', and when nobody
// answers, Electron presents the first matching certificate from the OS store. Graph and Entra ID never ask
// Portolan for one, so a server that does is not one of them: the analyst's identity is never sent silently.
import type { App } from 'electron';

export function installClientCertificatePolicy(app: Pick<App, 'on'>): void {
  app.on('select-client-certificate', (event, _contents, _url, _list, callback) => {
    event.preventDefault();
    callback();
  });
}
