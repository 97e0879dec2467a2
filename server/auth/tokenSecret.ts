import { randomBytes } from 'node:crypto';
import type { SqlRunner } from '../db/hubDatabase';

/**
 * The key that signs access tokens: HUB_TOKEN_SECRET in production (shared by
 * every hub process); otherwise one made per database and kept in it, so an
 * embedded hub's sessions survive a restart.
 */
export async function tokenSecret(db: SqlRunner, fromEnv = process.env.HUB_TOKEN_SECRET): Promise<Uint8Array> {
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('HUB_TOKEN_SECRET must be at least 32 characters.');
    return new TextEncoder().encode(fromEnv);
  }
  await db.query(`INSERT INTO hub_meta (key, value) VALUES ('token_secret', $1) ON CONFLICT (key) DO NOTHING`, [
    randomBytes(48).toString('base64url'),
  ]);
  const [row] = await db.query<{ value: string }>(`SELECT value FROM hub_meta WHERE key = 'token_secret'`);
  return new TextEncoder().encode(row!.value);
}
