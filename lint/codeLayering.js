// @ts-check
// `local/code-layering`: each file's layer (lint/layers.js) names the folders and packages it may
// import; everything else is refused. Checks static imports and re-exports (type-only too),
// `import()` in code and in types, `require()` and `import x = require()`. Files referred to by path
// at run time (`new URL('…', import.meta.url)`, `import.meta.resolve`, a spawned process's entry) are
// not imports: the launcher starts the core that way on purpose.
import { isBuiltin } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ANY, layers, NODE_BUILTINS, packages, testFiles } from './layers.js';

/** The repository root: this folder's parent, wherever ESLint was started. */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const EXTENSION = /\.(d\.)?[cm]?[jt]sx?$/;
const toPosix = (/** @type {string} */ p) => p.split(sep).join('/');

/** @param {string} rel a file relative to the root, `/`-separated */
function layerOf(rel) {
  return layers.find((layer) =>
    layer.files.some((entry) => (entry === '<root>' ? !rel.includes('/') : matches(rel, entry))),
  );
}

/** Does `rel` (a file or folder) fall under `entry`: a folder ending in `/`, or a single file. */
function matches(/** @type {string} */ rel, /** @type {string} */ entry) {
  if (entry.endsWith('/')) return `${rel}/`.startsWith(entry);
  return rel.replace(EXTENSION, '') === entry.replace(EXTENSION, '');
}

/** `zod/v4` → zod, `@mui/material/Box` → @mui/material, `node:fs` and `fs/promises` → Node. */
function packageOf(/** @type {string} */ specifier) {
  if (isBuiltin(specifier)) return NODE_BUILTINS;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The layers a package is assigned to, or undefined for a package missing from the table. */
function assignment(/** @type {string} */ name) {
  if (Object.hasOwn(packages, name)) return packages[name];
  const scope = name.startsWith('@') ? `${name.split('/')[0]}/*` : undefined;
  return scope && Object.hasOwn(packages, scope) ? packages[scope] : undefined;
}

/** What a layer may use, for the messages. */
function packagesFor(/** @type {string[]} */ names) {
  const found = Object.entries(packages)
    .filter(([, users]) => users.some((u) => names.includes(u)))
    .map(([name]) => name);
  return found.length > 0 ? found.join(', ') : 'none';
}

/** @type {import('eslint').Rule.RuleModule} */
export const codeLayering = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer imports only the folders and packages lint/layers.js allows it.' },
    schema: [],
    messages: {
      internal: "Layer {{layer}} may not import '{{specifier}}' ({{target}}). {{layer}} may import: {{allowed}}.",
      outside: "Layer {{layer}} may not import '{{specifier}}': it resolves outside the repository.",
      package:
        "Layer {{layer}} may not use the package {{name}} (from '{{specifier}}'). {{layer}} may use: {{allowed}}.",
      unknown: 'Unknown package {{name}}: add it to lint/layers.js with the layers that may use it.',
      computed:
        'Layer {{layer}}: a {{kind}} whose specifier is computed cannot be checked against the layers; use a string literal.',
      noLayer: 'No layer for {{file}}: add its folder to lint/layers.js with what it may import.',
    },
  },
  create(context) {
    const file = toPosix(relative(ROOT, context.filename));
    if (file.startsWith('../') || file === '..' || /^[a-zA-Z]:/.test(file)) return {};
    const layer = layerOf(file);
    if (!layer) {
      return {
        Program(node) {
          context.report({ node, messageId: 'noLayer', data: { file } });
        },
      };
    }
    const isTest = testFiles.pattern.test(file);
    const users = isTest ? [layer.name, testFiles.name] : [layer.name];
    const internal = layer.imports === ANY ? ANY : [...layer.imports, ...(isTest ? testFiles.imports : [])];
    const layered = internal !== ANY;

    /**
     * @param {import('estree').Node} node
     * @param {string} specifier
     */
    function check(node, specifier) {
      const data = { layer: `${layer.name}/`, specifier };
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        if (internal === ANY) return;
        const path = specifier.replace(/[?#].*$/, '');
        const target = toPosix(relative(ROOT, resolve(dirname(context.filename), path)));
        if (target.startsWith('../') || target === '..') {
          context.report({ node, messageId: 'outside', data });
        } else if (!internal.some((entry) => matches(target, entry))) {
          context.report({ node, messageId: 'internal', data: { ...data, target, allowed: internal.join(', ') } });
        }
        return;
      }
      const name = packageOf(specifier);
      const assigned = assignment(name);
      if (!assigned) {
        context.report({ node, messageId: 'unknown', data: { ...data, name } });
      } else if (!assigned.some((u) => users.includes(u))) {
        context.report({ node, messageId: 'package', data: { ...data, name, allowed: packagesFor(users) } });
      }
    }

    /**
     * @param {import('estree').Node} node
     * @param {any} source the specifier's node
     * @param {string} kind for the message
     */
    function checkSource(node, source, kind) {
      if (source?.type === 'Literal' && typeof source.value === 'string') {
        check(node, source.value);
      } else if (source?.type === 'TemplateLiteral' && source.expressions.length === 0) {
        check(node, source.quasis[0].value.cooked);
      } else if (layered) {
        context.report({ node, messageId: 'computed', data: { layer: `${layer.name}/`, kind } });
      }
    }

    return {
      ImportDeclaration: (node) => checkSource(node, node.source, 'import'),
      ExportNamedDeclaration: (node) => node.source && checkSource(node, node.source, 'export'),
      ExportAllDeclaration: (node) => checkSource(node, node.source, 'export'),
      ImportExpression: (node) => checkSource(node, node.source, 'dynamic import()'),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length > 0) {
          checkSource(node, node.arguments[0], 'require()');
        }
      },
      // TypeScript: `import x = require('…')` and `typeof import('…')` / `import('…').T` in types.
      /** @param {any} node */
      TSImportEqualsDeclaration(node) {
        if (node.moduleReference.type === 'TSExternalModuleReference') {
          checkSource(node, node.moduleReference.expression, 'require()');
        }
      },
      /** @param {any} node */
      TSImportType(node) {
        // `source` in newer typescript-eslint; `argument` (a literal type) before it.
        const source = node.source ?? (node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument);
        checkSource(node, source, 'import() type');
      },
    };
  },
};

export default {
  meta: { name: 'local' },
  rules: { 'code-layering': codeLayering },
};
