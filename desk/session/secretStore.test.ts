import { describe, expect, it } from 'vitest';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownerOnlyFileSecretStore } from './secretStore';

describe('ownerOnlyFileSecretStore', () => {
  it('keeps secrets across instances in a file only its owner can read, and forgets them', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'secrets-')), 'session.json');
    ownerOnlyFileSecretStore(path).set('refreshToken:https://hub', 'abc');
    const again = ownerOnlyFileSecretStore(path);
    expect(again.get('refreshToken:https://hub')).toBe('abc');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    again.delete('refreshToken:https://hub');
    expect(ownerOnlyFileSecretStore(path).get('refreshToken:https://hub')).toBeNull();
  });
});
