import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Where the console keeps its hub session's refresh token. The Electron shell
 * supplies one sealed by the OS keychain (safeStorage); plain Node (browser
 * mode, tests) uses an owner-only file.
 */
export interface SecretStore {
  readonly kind: 'safeStorage' | 'ownerOnlyFile';
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
}

export interface Sealer {
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}

/** Secrets as one sealed JSON map in an owner-only (0600) file, written whole then renamed. */
export function fileSecretStore(path: string, kind: SecretStore['kind'], sealer: Sealer): SecretStore {
  const read = (): Record<string, string> => {
    if (!existsSync(path)) return {};
    try {
      return JSON.parse(sealer.open(readFileSync(path))) as Record<string, string>;
    } catch {
      return {}; // unreadable (another user's or machine's file): treated as signed out
    }
  };
  const write = (values: Record<string, string>) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(`${path}.tmp`, sealer.seal(JSON.stringify(values)), { mode: 0o600 });
    chmodSync(`${path}.tmp`, 0o600);
    renameSync(`${path}.tmp`, path);
  };
  return {
    kind,
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

/** Plain Node: readable by its owner only, weaker than a keychain (the README says so). */
export const ownerOnlyFileSecretStore = (path: string) =>
  fileSecretStore(path, 'ownerOnlyFile', {
    seal: (plain) => Buffer.from(plain, 'utf8'),
    open: (sealed) => sealed.toString('utf8'),
  });
