import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fillQueueReplica } from './queueReplicaFill';
import { measureQueue } from './queueBench';
import { recordResults } from './resultsFile';

// The queue's and search's figures (part of `npm run bench:console`), on a cache filled directly with
// BENCH_QUEUE_CASES cases (default: BENCH_CASES, else 20,000): a million take minutes to fill, so
// BENCH_QUEUE_CACHE names a cache file to fill once and reuse (kept), instead of a temporary one.
const CASES = Number(process.env.BENCH_QUEUE_CASES ?? process.env.BENCH_CASES ?? 20_000);
const say = (line: string) => process.stdout.write(line + '\n');
const kept = process.env.BENCH_QUEUE_CACHE;
const dir = kept ? null : mkdtempSync(join(tmpdir(), 'desk-queue-bench-'));
const path = kept ?? join(dir!, 'queue-cache.sqlite');

if (!kept || !(await import('node:fs')).existsSync(kept)) {
  say(`Filling a console cache with ${CASES.toLocaleString()} cases…`);
  say(`Filled in ${fillQueueReplica(path, CASES).seconds.toFixed(0)} s.`);
}
say('Measuring queue pages and searches…');
const figures = await measureQueue(path);
recordResults(figures);
say(JSON.stringify(figures, null, 2));
if (dir) rmSync(dir, { recursive: true, force: true });
