import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Where the console keeps its hub session's refresh token. The Electron shell
 * supplies one backed by the OS keychain (safeStorage); plain Node (browser
 * mode, tests) uses the owner-only file below.
 */
export interface SecretStore {
  readonly kind: 'safeStorage' | 'ownerOnlyFile';
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
}

/** A JSON file readable by its owner only (0600): weaker than a keychain, said so in the README. */
export function ownerOnlyFileSecretStore(path: string): SecretStore {
  const read = (): Record<string, string> => {
    if (!existsSync(path)) return {};
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  const write = (values: Record<string, string>) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(`${path}.tmp`, JSON.stringify(values), { mode: 0o600 });
    chmodSync(`${path}.tmp`, 0o600);
    renameSync(`${path}.tmp`, path);
  };
  return {
    kind: 'ownerOnlyFile',
    get: (key) => read()[key] ?? null,
    set: (key, value) => write({ ...read(), [key]: value }),
    delete: (key) => {
      const values = read();
      delete values[key];
      if (Object.keys(values).length === 0) rmSync(path, { force: true });
      else write(values);
    },
  };
}
