// @ts-check
// The layer table behind `local/code-layering` (lint/codeLayering.js): by ALLOW-LIST, after VS Code's
// code-layering rule, with npm packages assigned to layers as Signal Desktop does. Whatever a layer does
// not list is refused, so a new dependency between layers, or a new package, is a decision made here.

/** Marks a layer that may import any file of the repository. */
export const ANY = '*';

/**
 * Layers, first match wins (so a file rule comes before its folder). `files`: folder prefixes
 * (ending in `/`) or exact files, relative to the repository root; the pseudo-entry `<root>` is any
 * file at the top level (eslint.config.js, vitest.config.ts). `imports`: the folders (ending in `/`)
 * or single files a layer may import; a file is matched with or without its extension.
 * @type {{ name: string, files: string[], imports: string[] | typeof ANY }[]}
 */
export const layers = [
  // Runs anywhere: no Node, no DOM, no Electron.
  { name: 'shared', files: ['shared/'], imports: ['shared/'] },
  // The hub.
  { name: 'server', files: ['server/'], imports: ['server/', 'shared/'] },
  // The desk core: plain Node, in its own process; never `electron`, never the hub's code.
  { name: 'desk', files: ['desk/'], imports: ['desk/', 'shared/'] },
  // `npm start`: starts the core and the demo hub as processes by file path, never imports them.
  { name: 'launcher', files: ['launcher/'], imports: ['launcher/', 'shared/'] },
  // The Electron shell: windows, tray, notifications, updates, secrets. Of the launcher it may share
  // the launch settings and the process supervision only, one file at a time.
  {
    name: 'electron',
    files: ['electron/'],
    imports: [
      'electron/',
      'shared/',
      'launcher/launchConfig.ts',
      'launcher/coreSupervisor.ts',
      'launcher/childProcess.ts',
      'launcher/demoHub.ts',
    ],
  },
  // Vite's config runs in Node at build time, not in the page.
  { name: 'renderer-build', files: ['renderer/vite.config.ts'], imports: ['renderer/', 'shared/'] },
  // A browser page: reaches the core only through the contract in shared/.
  { name: 'renderer', files: ['renderer/'], imports: ['renderer/', 'shared/'] },
  { name: 'tests', files: ['tests/'], imports: ANY },
  { name: 'bench', files: ['bench/'], imports: ANY },
  { name: 'build', files: ['build/'], imports: ANY },
  { name: 'lint', files: ['lint/'], imports: ANY },
  { name: 'root', files: ['<root>'], imports: ANY },
];

/**
 * Test files (`*.test.ts`, `*.spec.ts`) anywhere keep their folder's layer and may also use what
 * this pseudo-layer allows: the test packages (those listing `testFiles.name`) and tests/support/.
 */
export const testFiles = {
  name: 'test files',
  pattern: /\.(test|spec)\.[cm]?[jt]sx?$/,
  imports: ['tests/support/'],
};

/** The pseudo-package for Node's builtins, `node:fs` and bare `fs` alike. */
export const NODE_BUILTINS = 'node builtins';

const TEST = testFiles.name;

/**
 * Every npm package, by the name before any subpath (`zod/v4` is zod, `@mui/material/Box` is
 * @mui/material), with the layers that may use it. `@scope/*` covers a whole scope. A package not
 * here is refused everywhere.
 * @type {Record<string, string[]>}
 */
export const packages = {
  // Node is absent from a browser page and from code that must run in one.
  [NODE_BUILTINS]: [
    'server',
    'desk',
    'launcher',
    'electron',
    'renderer-build',
    'tests',
    'bench',
    'build',
    'lint',
    'root',
  ],

  zod: ['shared', 'server', 'desk', 'launcher', 'electron', 'renderer', 'tests', 'bench'],

  // The hub. The launcher's browser bridge serves the built renderer with Fastify too.
  fastify: ['server', 'launcher', 'tests', 'bench'],
  '@fastify/static': ['server', 'launcher', 'tests', 'bench'],
  '@fastify/rate-limit': ['server', 'tests', 'bench'],
  'socket.io': ['server', 'tests', 'bench'],
  pg: ['server', 'tests', 'bench'],
  '@electric-sql/pglite': ['server', 'tests', 'bench'],
  jose: ['server', 'tests', 'bench'],
  uuid: ['server', 'tests', 'bench'],

  // The desk core.
  'better-sqlite3': ['desk', 'tests', 'bench'],
  'socket.io-client': ['desk', 'tests', 'bench'],

  // The launcher's loopback WebSocket relay for browser mode.
  ws: ['launcher', 'tests', 'bench'],
  // Source runs load TypeScript through tsx: the launcher spawns `node --import tsx`, the core's
  // worker threads register tsx/esm/api themselves.
  tsx: ['launcher', 'desk', 'tests', 'bench'],

  // The shell alone. Tests reach `electron` through vitest's stand-in alias.
  electron: ['electron', 'tests'],
  'electron-updater': ['electron'],
  'electron-builder': ['build'],

  // The page.
  react: ['renderer'],
  'react-dom': ['renderer'],
  '@mui/*': ['renderer'],
  '@emotion/*': ['renderer'],
  zustand: ['renderer'],
  'stylis-plugin-rtl': ['renderer'],
  '@fontsource/*': ['renderer'],
  vite: ['renderer-build'],
  '@vitejs/plugin-react': ['renderer-build'],

  // Tests.
  vitest: [TEST, 'tests', 'root'],
  '@playwright/test': [TEST, 'tests'],
  '@axe-core/playwright': [TEST, 'tests'],
  'fast-check': [TEST, 'tests'],

  // Tooling.
  esbuild: ['build'],
  eslint: ['lint', 'root', 'tests'],
  'typescript-eslint': ['lint', 'root', 'tests'],
  typescript: ['lint', 'build', 'tests'],
  prettier: ['lint', 'build'],
  // Type declarations are never imported by name: `import … from 'better-sqlite3'` brings them.
  '@types/*': [],
};
