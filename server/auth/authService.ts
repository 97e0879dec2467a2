import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import type { HubDatabase, SqlRunner } from '../db/hubDatabase';
import { HubError } from '../http/hubError';
import { appendAudit } from '../audit/auditLog';
import { STAFF_ROLES, type Actor, type StaffRole } from '../commands/actor';
import { verifyPassword } from './passwordHash';

export const ACCESS_TOKEN_SECONDS = 10 * 60;
export const REFRESH_TOKEN_HOURS = 12;
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;
const ISSUER = 'bekhedmetkom-hub';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
// The same words for an unknown user and a wrong password: no one learns which usernames exist.
const BAD_CREDENTIALS = () => new HubError(401, 'badCredentials', 'Wrong username or password.');

interface StaffRow {
  id: string;
  role: StaffRole;
  entity_id: string | null;
  focal_point_id: string | null;
  password_hash: string;
  failed_attempts: number;
  locked_until_ms: number | null;
  active: boolean;
}

/**
 * Staff sign-in and sessions: password login with lockout, short-lived signed
 * access tokens, rotating refresh tokens in revocable families.
 */
export class AuthService {
  constructor(
    private readonly db: HubDatabase,
    private readonly secret: Uint8Array,
  ) {}

  async login(username: string, password: string, now = new Date()): Promise<TokenPair> {
    const [user] = await this.db.query<StaffRow>(
      `SELECT id, role, entity_id, focal_point_id, password_hash, failed_attempts, active,
              (extract(epoch FROM locked_until) * 1000)::float8 AS locked_until_ms
       FROM staff_users WHERE username = $1`,
      [username],
    );
    if (!user || !user.active) {
      // Spend the same time as a real check, so timing does not reveal unknown names either.
      await verifyPassword(password, DUMMY_HASH);
      throw BAD_CREDENTIALS();
    }
    if (user.locked_until_ms && user.locked_until_ms > now.getTime()) {
      throw new HubError(
        423,
        'locked',
        `Too many failed sign-ins: this account is locked for ${LOCK_MINUTES} minutes.`,
      );
    }
    if (!(await verifyPassword(password, user.password_hash))) {
      await this.db.transaction(async (tx) => {
        const [after] = await tx.query<{ failed_attempts: number }>(
          `UPDATE staff_users SET failed_attempts = failed_attempts + 1,
             locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
           WHERE id = $1 RETURNING failed_attempts`,
          [user.id, LOCK_AFTER_FAILURES, new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString()],
        );
        const locked = (after?.failed_attempts ?? 0) >= LOCK_AFTER_FAILURES;
        await appendAudit(tx, {
          at: now,
          actor: `user:${user.id}`,
          action: locked ? 'auth.locked' : 'auth.failed',
          subject: user.id,
          payload: {},
        });
      });
      throw BAD_CREDENTIALS();
    }
    return this.db.transaction(async (tx) => {
      await tx.query('UPDATE staff_users SET failed_attempts = 0, locked_until = NULL WHERE id = $1', [user.id]);
      await appendAudit(tx, {
        at: now,
        actor: `user:${user.id}`,
        action: 'auth.login',
        subject: user.id,
        payload: { role: user.role },
      });
      return this.issue(tx, user, randomUUID(), now);
    });
  }

  async refresh(refreshToken: string, now = new Date()): Promise<TokenPair> {
    // The revocation of a reused token's family must commit, so it is decided
    // inside the transaction and refused after it.
    const outcome = await this.db.transaction(async (tx): Promise<TokenPair | 'ended' | 'reused'> => {
      const [token] = await tx.query<{
        user_id: string;
        family_id: string;
        expired: boolean;
        used: boolean;
        revoked: boolean;
      }>(
        `SELECT user_id, family_id::text AS family_id, expires_at < $2 AS expired, used_at IS NOT NULL AS used,
                revoked_at IS NOT NULL AS revoked
         FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
        [sha256(refreshToken), now.toISOString()],
      );
      if (!token || token.expired || token.revoked) return 'ended';
      if (token.used) {
        // A spent token came back: someone holds a copy. End the whole family.
        await tx.query('UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1::uuid', [
          token.family_id,
          now.toISOString(),
        ]);
        await appendAudit(tx, {
          at: now,
          actor: `user:${token.user_id}`,
          action: 'auth.refreshReuse',
          subject: token.user_id,
          payload: {},
        });
        return 'reused';
      }
      await tx.query('UPDATE refresh_tokens SET used_at = $2 WHERE token_hash = $1', [
        sha256(refreshToken),
        now.toISOString(),
      ]);
      const [user] = await tx.query<StaffRow>(
        'SELECT id, role, entity_id, focal_point_id, active FROM staff_users WHERE id = $1',
        [token.user_id],
      );
      if (!user?.active) return 'ended';
      return this.issue(tx, user, token.family_id, now);
    });
    if (outcome === 'reused')
      throw new HubError(401, 'sessionEnded', 'This session was ended for safety; sign in again.');
    if (outcome === 'ended') throw new HubError(401, 'sessionEnded', 'Your session has ended; sign in again.');
    return outcome;
  }

  async logout(refreshToken: string, now = new Date()): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [token] = await tx.query<{ family_id: string; user_id: string }>(
        'SELECT family_id::text AS family_id, user_id FROM refresh_tokens WHERE token_hash = $1',
        [sha256(refreshToken)],
      );
      if (!token) return;
      await tx.query('UPDATE refresh_tokens SET revoked_at = COALESCE(revoked_at, $2) WHERE family_id = $1::uuid', [
        token.family_id,
        now.toISOString(),
      ]);
      await appendAudit(tx, {
        at: now,
        actor: `user:${token.user_id}`,
        action: 'auth.logout',
        subject: token.user_id,
        payload: {},
      });
    });
  }

  /** The caller behind a bearer token; 401 for a missing, expired, forged or malformed one. */
  async authenticate(authorization: string | undefined): Promise<Actor> {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (!token) throw new HubError(401, 'unauthenticated', 'Sign in first: this needs a bearer token.');
    try {
      const { payload } = await jwtVerify(token, this.secret, { issuer: ISSUER, algorithms: ['HS256'] });
      const role = payload.role as StaffRole;
      if (typeof payload.sub !== 'string' || !STAFF_ROLES.includes(role)) throw new Error('bad claims');
      return {
        userId: payload.sub,
        role,
        entityId: typeof payload.entityId === 'string' ? payload.entityId : null,
        focalPointId: typeof payload.focalPointId === 'string' ? payload.focalPointId : null,
      };
    } catch (error) {
      const expired = error instanceof joseErrors.JWTExpired;
      throw new HubError(
        401,
        expired ? 'tokenExpired' : 'badToken',
        expired ? 'Your sign-in expired; refresh it.' : 'That token is not valid.',
      );
    }
  }

  private async issue(
    tx: SqlRunner,
    user: Pick<StaffRow, 'id' | 'role' | 'entity_id' | 'focal_point_id'>,
    familyId: string,
    now: Date,
  ): Promise<TokenPair> {
    const accessToken = await new SignJWT({
      role: user.role,
      ...(user.entity_id ? { entityId: user.entity_id } : {}),
      ...(user.focal_point_id ? { focalPointId: user.focal_point_id } : {}),
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer(ISSUER)
      .setJti(randomUUID())
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(now.getTime() / 1000) + ACCESS_TOKEN_SECONDS)
      .sign(this.secret);
    const refreshToken = randomBytes(32).toString('base64url');
    await tx.query(
      `INSERT INTO refresh_tokens (token_hash, user_id, family_id, expires_at) VALUES ($1, $2, $3::uuid, $4)`,
      [
        sha256(refreshToken),
        user.id,
        familyId,
        new Date(now.getTime() + REFRESH_TOKEN_HOURS * 3_600_000).toISOString(),
      ],
    );
    return { accessToken, refreshToken, expiresIn: ACCESS_TOKEN_SECONDS };
  }
}

// A fixed hash to verify against for unknown users (its password is unguessable and irrelevant).
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
