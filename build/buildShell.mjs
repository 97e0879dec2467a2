// Bundles the Electron shell: main (ESM) and the sandboxed preload (CommonJS,
// as sandboxed preloads must be). Native and heavy packages stay external.
import { build } from 'esbuild';

const external = [
  'electron',
  'better-sqlite3',
  '@electric-sql/pglite',
  'pg',
  'fastify',
  '@fastify/static',
  'socket.io',
  'socket.io-client',
  'ws',
];
await build({
  entryPoints: ['electron/shell/main.ts'],
  outfile: 'dist/electron/shell/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  external,
  sourcemap: true,
});
// The snapshot decode thread's entry, beside main.js where snapshotDecodeThread.ts looks for it.
await build({
  entryPoints: ['electron/core/sync/snapshotDecodeWorker.ts'],
  outfile: 'dist/electron/shell/snapshotDecodeWorker.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  external,
  sourcemap: true,
});
// The cache's checkpoint thread, beside main.js where walCheckpointer.ts looks for it.
await build({
  entryPoints: ['electron/core/cache/walCheckpointWorker.ts'],
  outfile: 'dist/electron/shell/walCheckpointWorker.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  external,
  sourcemap: true,
});
await build({
  entryPoints: ['electron/shell/preload.ts'],
  outfile: 'dist/electron/shell/preload.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
});
console.log('Built dist/electron/shell/main.js, snapshotDecodeWorker.js, walCheckpointWorker.js and preload.cjs');
