// A Vitest environment for the renderer's state classes: plain Node globals, but modules are transformed as
// Vite's client does. Svelte compiles runes for the browser there (reactive $state, $derived, $effect); Node's
// default SSR transform would compile them for server rendering, where nothing reacts.
import type { Environment } from 'vitest/environments';

const environment: Environment = {
  name: 'svelte-client',
  viteEnvironment: 'client',
  setup() {
    return { teardown() {} };
  },
};

export default environment;
