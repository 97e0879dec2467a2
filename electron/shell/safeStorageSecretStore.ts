import { safeStorage } from 'electron';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretStore } from '../core/session/secretStore';

/** Secrets encrypted with the OS keychain through Electron's safeStorage, kept in one file. */
export function safeStorageSecretStore(path: string): SecretStore {
  const read = (): Record<string, string> => {
    if (!existsSync(path)) return {};
    try {
      return JSON.parse(safeStorage.decryptString(readFileSync(path))) as Record<string, string>;
    } catch {
      return {}; // another user's or machine's file: treated as signed out
    }
  };
  const write = (values: Record<string, string>) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(`${path}.tmp`, safeStorage.encryptString(JSON.stringify(values)), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  };
  return {
    kind: 'safeStorage',
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
