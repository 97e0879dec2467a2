import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const path = join(import.meta.dirname, 'results.json');

/** Merges one benchmark's figures into bench/results.json, keeping the others' last figures. */
export function recordResults(figures: Record<string, unknown>): void {
  const previous = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(
    path,
    JSON.stringify({ ...previous, ...figures, measuredAt: new Date().toISOString() }, null, 2) + '\n',
  );
}
