// js-yaml 4 ships no types; electron-builder depends on it, so it is always installed with the toolchain.
declare module 'js-yaml' {
  export function load(text: string, options?: { filename?: string }): unknown;
}
