import { safeStorage } from 'electron';
import { fileSecretStore, type SecretStore } from '../desk/session/secretStore';

/** Secrets sealed by the OS keychain through Electron's safeStorage. */
export const safeStorageSecretStore = (path: string): SecretStore =>
  fileSecretStore(path, 'safeStorage', {
    seal: (plain) => safeStorage.encryptString(plain),
    open: (sealed) => safeStorage.decryptString(sealed),
  });
