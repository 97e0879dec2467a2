import { describe, expect, it } from 'vitest';
import { hubConfigFromEnv } from './hubConfig';

describe('hubConfigFromEnv', () => {
  it('defaults to PGlite with demo data and traffic', () => {
    const config = hubConfigFromEnv({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.port).toBe(4310);
    expect(config.seed).toEqual({ cases: 20_000 });
    expect(config.simulate).toMatchObject({ applicationsPerMinute: 30, neglectedShare: 0.15 });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres/],
    [{ HUB_NEGLECTED_SHARE: '1.5' }, /HUB_NEGLECTED_SHARE/],
    [{ HUB_SIMULATE: 'maybe' }, /HUB_SIMULATE/],
  ])('refuses %o naming the setting', (env, message) => {
    expect(() => hubConfigFromEnv(env)).toThrow(message);
  });
});
