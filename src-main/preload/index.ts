import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES, ipcChannel, type ChannelName } from '../ipc/channels';
contextBridge.exposeInMainWorld('portolan', {
  invoke: (c: ChannelName, r: unknown) => (CHANNEL_NAMES.includes(c) ? ipcRenderer.invoke(ipcChannel(c), r) : Promise.reject(new Error('unknown channel'))),
});
