import { describe, expect, it } from 'vitest';
import { launchConfigFromEnv } from './launchConfig';

describe('launchConfigFromEnv', () => {
  it('uses the embedded hub and .data by default', () => {
    const config = launchConfigFromEnv({}, '/repo');
    expect(config).toMatchObject({ hubUrl: undefined, dataDir: '/repo/.data', port: 4320, forceBrowser: false });
  });

  it('takes a real hub, trimming a trailing slash', () => {
    expect(launchConfigFromEnv({ DESK_HUB_URL: 'https://hub.gov.jo/' }, '/repo').hubUrl).toBe('https://hub.gov.jo');
  });

  it.each([
    [{ DESK_HUB_URL: 'ftp://hub' }, /DESK_HUB_URL/],
    [{ DESK_PORT: '70000' }, /DESK_PORT/],
    [{ DESK_MODE: 'tablet' }, /DESK_MODE/],
  ])('refuses %o with a message naming it', (env, message) => {
    expect(() => launchConfigFromEnv(env, '/repo')).toThrow(message);
  });
});
