import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts one of the desk core's worker threads: `name` is the worker's file
 * beside `callerUrl` (the caller's import.meta.url). Run from source (tsx:
 * dev, tests, bench) the worker is TypeScript too; bundled, it sits beside
 * main.js (build/buildShell.mjs puts it there). Throws when no worker can
 * start; each caller keeps a way to do without.
 */
export function startCoreWorker(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  const fromSource = callerUrl.endsWith('.ts');
  const file = new URL(`./${name}.${fromSource ? 'ts' : 'js'}`, callerUrl);
  if (!fromSource) return new Worker(file, options);
  // A worker does not inherit tsx's loader: from source, it registers tsx itself before loading the file.
  return new Worker(
    `import(${JSON.stringify(tsxEsmApi())})` +
      `.then(({ register }) => { register(); return import(${JSON.stringify(file.href)}); })`,
    { ...options, eval: true },
  );
}

/** tsx's ESM register API (tsx is a dev dependency: only source runs need it). */
function tsxEsmApi(): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('tsx/esm/api');
  return pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
}
