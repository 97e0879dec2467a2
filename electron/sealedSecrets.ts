import { safeStorage } from 'electron';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HostSecrets } from '../launcher/coreSupervisor';

/**
 * The hub session's secrets, sealed by the OS keychain (safeStorage) in an
 * owner-only file. The main process keeps them; the core is handed the values
 * at start and tells each change (launcher/coreSupervisor.ts).
 */
export function sealedSecrets(path: string): HostSecrets {
  const read = (): Record<string, string> => {
    if (!existsSync(path)) return {};
    try {
      return JSON.parse(safeStorage.decryptString(readFileSync(path))) as Record<string, string>;
    } catch {
      return {}; // sealed by another user or machine: treated as signed out
    }
  };
  const write = (values: Record<string, string>) => {
    if (Object.keys(values).length === 0) {
      rmSync(path, { force: true });
      return;
    }
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(`${path}.tmp`, safeStorage.encryptString(JSON.stringify(values)), { mode: 0o600 });
    chmodSync(`${path}.tmp`, 0o600);
    renameSync(`${path}.tmp`, path);
  };
  return {
    read,
    set: (key, value) => write({ ...read(), [key]: value }),
    delete: (key) => {
      const values = read();
      delete values[key];
      write(values);
    },
  };
}
