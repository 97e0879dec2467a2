import type { z } from 'zod';

/** Deeply read-only: the pools are shared by every draw, so nothing may change them. */
export type DeepReadonly<T> = { readonly [K in keyof T]: DeepReadonly<T[K]> };

/**
 * Validates a data file under server/seed/data/ that the caller imported (a JSON import, so
 * bundlers inline it and tsx reads it from source alike). A bad file fails at load, naming
 * the file and where in it each problem is, rather than as an odd text deep in a seed.
 */
export function loadSeedData<S extends z.ZodType>(file: string, schema: S, data: unknown): DeepReadonly<z.output<S>> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data as DeepReadonly<z.output<S>>;
  const problems = parsed.error.issues.map((issue) => `  at ${jsonPath(issue.path)}: ${issue.message}`);
  throw new Error(`Seed data file server/seed/data/${file} is invalid:\n${problems.join('\n')}`);
}

/** `$.sectorPools.health.complaint[3].title`, as one would look it up in the file. */
function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((at, key) => (typeof key === 'number' ? `${at}[${key}]` : `${at}.${String(key)}`), '$');
}
