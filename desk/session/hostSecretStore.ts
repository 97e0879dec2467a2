import type { SecretStore } from './secretStore';

/**
 * Secrets kept by the process that hosts the core (Electron's main process,
 * which seals them with the OS keychain): the core holds the unsealed values it
 * was handed at start and tells the host every change, which the host seals
 * and writes. The keychain itself never has to be reachable from the core.
 */
export function hostSecretStore(
  initial: Record<string, string>,
  tell: (change: { key: string; value: string | null }) => void,
): SecretStore {
  const values = new Map(Object.entries(initial));
  return {
    kind: 'safeStorage',
    get: (key) => values.get(key) ?? null,
    set: (key, value) => {
      values.set(key, value);
      tell({ key, value });
    },
    delete: (key) => {
      if (values.delete(key)) tell({ key, value: null });
    },
  };
}
