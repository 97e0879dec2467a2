// Bundles the Electron app's processes, each its own file in dist/electron/:
// the shell's main (ESM) and its sandboxed preload (CommonJS, as sandboxed
// preloads must be); the desk core's process with its worker threads beside it
// (where startCoreWorker, desk/threads, looks for them); and the demo hub's
// process. The shell's main never contains the core's or the hub's code.
import { build } from 'esbuild';

const external = [
  'electron',
  'better-sqlite3',
  '@electric-sql/pglite',
  'pg',
  'fastify',
  '@fastify/static',
  '@fastify/rate-limit',
  'socket.io',
  'socket.io-client',
  'ws',
];
const ESM_ENTRIES = {
  main: 'electron/main.ts',
  coreProcess: 'desk/coreProcess.ts',
  snapshotPageWorker: 'desk/sync/snapshotPageWorker.ts',
  walCheckpointWorker: 'desk/replica/walCheckpointWorker.ts',
  replicaDigestWorker: 'desk/digest/replicaDigestWorker.ts',
  demoHubProcess: 'server/demoHubProcess.ts',
};
for (const [name, entry] of Object.entries(ESM_ENTRIES)) {
  await build({
    entryPoints: [entry],
    outfile: `dist/electron/${name}.js`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external,
    sourcemap: true,
    // Bundled CommonJS dependencies call require(); ESM output has none of its own.
    banner: {
      js: "import { createRequire as __desk_createRequire } from 'node:module'; const require = __desk_createRequire(import.meta.url);",
    },
  });
}
await build({
  entryPoints: ['electron/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
});
console.log(`Built dist/electron/: ${Object.keys(ESM_ENTRIES).join('.js, ')}.js and preload.cjs`);
