// @ts-check
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

// Layers, named by where code may run (after VS Code's layering):
//   shared/          anywhere: no Node, no DOM, no Electron
//   server/          the hub: Node
//   electron/core/   the desk core: plain Node, never `electron`
//   electron/shell/  the Electron shell and preload: the only `electron` importers
//   renderer/        a browser page: reaches the core only through the contract
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const restrict = (paths, patterns) => ({
  'no-restricted-imports': [
    'error',
    { paths: paths.map((name) => ({ name, message: 'Not allowed in this layer.' })), patterns },
  ],
});
const layer = (folder) => ({
  group: [`**/${folder}/**`, `${folder}/**`],
  message: `Layer rule: ${folder}/ is out of reach here.`,
});

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'test-results', 'playwright-report', '.data', 'release'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      [...nodeBuiltins, 'electron', 'react', 'better-sqlite3', 'pg'],
      [layer('server'), layer('electron'), layer('renderer')],
    ),
  },
  {
    files: ['server/**/*.ts'],
    rules: restrict(['electron', 'better-sqlite3', 'react'], [layer('electron'), layer('renderer')]),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: restrict(['electron', 'react', 'pg'], [layer('renderer'), layer('shell'), layer('server')]),
  },
  {
    // The launcher composes the embedded hub and the core; still no `electron`.
    files: ['electron/launcher/**/*.ts'],
    rules: restrict(['electron', 'react'], [layer('renderer'), layer('shell')]),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: restrict(
      [...nodeBuiltins, 'electron', 'better-sqlite3', 'pg', 'socket.io'],
      [layer('server'), layer('electron')],
    ),
  },
  {
    // Vite's config runs in Node at build time, not in the page.
    files: ['renderer/vite.config.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
