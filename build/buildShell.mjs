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
// Main, and the desk core's worker threads beside it, where startCoreWorker (electron/core/threads) looks for them.
const ESM_ENTRIES = {
  main: 'electron/main.ts',
  snapshotPageWorker: 'desk/sync/snapshotPageWorker.ts',
  walCheckpointWorker: 'desk/replica/walCheckpointWorker.ts',
  replicaDigestWorker: 'desk/digest/replicaDigestWorker.ts',
};
for (const [name, entry] of Object.entries(ESM_ENTRIES)) {
  await build({
    entryPoints: [entry],
    outfile: `dist/electron/shell/${name}.js`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external,
    sourcemap: true,
  });
}
await build({
  entryPoints: ['electron/preload.ts'],
  outfile: 'dist/electron/shell/preload.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
});
console.log(
  'Built dist/electron/shell/main.js, snapshotPageWorker.js, walCheckpointWorker.js, replicaDigestWorker.js and preload.cjs',
);
