// conf, under electron-store, loads a JSON-schema validator (ajv and its formats) when it is imported, but only
// uses it for a store given a schema, and Portolan gives none: the history checks its own records with zod where
// they come in. The main build resolves those two imports to this module (electron.vite.config.mts), which keeps
// about 250 KB that would be parsed on every start out of the bundle. A schema passed one day fails here, loudly.
function refuse(): never {
  throw new Error("Portolan's main bundle carries no JSON-schema validator: give electron-store no schema, or remove the alias in electron.vite.config.mts");
}

export class Ajv2020 {
  constructor() {
    refuse();
  }
}

// conf reads the formats plugin as `module.default` (ajv-formats is CommonJS); this shape answers it the same way.
export default { default: refuse };
