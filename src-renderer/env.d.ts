/// <reference types="svelte" />
/// <reference types="vite/client" />
import type { PortolanApi, PortolanNotifications } from '../src-shared/contract';

declare global {
  interface Window {
    /** Exposed by the preload in the Electron app; absent in the web preview. */
    portolan?: PortolanApi & Partial<PortolanNotifications>;
  }
}
