// ESLint rule: an import (static, dynamic, require or `export … from`) may not resolve into a folder the
// importing file's area must not reach. Paths are resolved, so `./../electron/x` cannot slip past a pattern.
import { dirname, relative, resolve, sep } from 'node:path';

/** @type {import('eslint').Rule.RuleModule} */
export const boundaries = {
  meta: {
    type: 'problem',
    schema: [
      {
        type: 'array',
        items: {
          type: 'object',
          properties: { from: { type: 'string' }, forbid: { type: 'array', items: { type: 'string' } }, message: { type: 'string' } },
          required: ['from', 'forbid', 'message'],
        },
      },
    ],
  },
  create(context) {
    const root = context.cwd;
    const here = relative(root, context.filename).split(sep).join('/');
    const zones = (context.options[0] ?? []).filter((z) => inside(here, z.from));
    if (zones.length === 0) return {};
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = relative(root, resolve(dirname(context.filename), source)).split(sep).join('/');
      for (const zone of zones) {
        const hit = zone.forbid.find((f) => inside(target, f));
        if (hit) context.report({ node, message: `${zone.message} (${source} is in ${hit})` });
      }
    };
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
      CallExpression: (n) => {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0]?.type === 'Literal') check(n, n.arguments[0].value);
      },
    };
  },
};

function inside(path, folder) {
  return path === folder || path.startsWith(`${folder}/`);
}
