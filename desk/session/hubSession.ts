import { EventEmitter } from 'node:events';
import { z } from 'zod';
import type { SecretStore } from './secretStore';

export const SessionUser = z.object({ userId: z.string(), role: z.string() });
export interface SessionState {
  signedIn: boolean;
  user: z.infer<typeof SessionUser> | null;
  problem: string | null;
}

const TokenPair = z.object({ accessToken: z.string().min(10), refreshToken: z.string().min(10) });
const REFRESH_MARGIN_MS = 30_000;

function claimsOf(token: string): { sub: string; role: string; exp: number } | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    if (typeof payload.sub !== 'string' || typeof payload.role !== 'string' || typeof payload.exp !== 'number')
      return null;
    return { sub: payload.sub, role: payload.role, exp: payload.exp };
  } catch {
    return null;
  }
}

/**
 * The console's signed-in session with its hub: a short-lived access token in
 * memory, the rotating refresh token in the platform's secret store, renewed
 * before it lapses. Nothing else in the core touches tokens.
 */
export class HubSession extends EventEmitter<{ changed: [SessionState] }> {
  private access: string | null = null;
  private refreshing: Promise<string | null> | null = null;
  private current: SessionState = { signedIn: false, user: null, problem: null };
  private readonly secretKey: string;

  constructor(
    private readonly hubUrl: string,
    private readonly secrets: SecretStore,
  ) {
    super();
    this.secretKey = `refreshToken:${hubUrl}`;
  }

  get state(): SessionState {
    return this.current;
  }

  get hasStoredSession(): boolean {
    return this.secrets.get(this.secretKey) !== null;
  }

  async signIn(username: string, password: string): Promise<SessionState> {
    const response = await fetch(`${this.hubUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { message?: string };
      this.update({ signedIn: false, user: null, problem: body.message ?? `Sign-in failed (${response.status}).` });
      return this.current;
    }
    this.adopt(TokenPair.parse(await response.json()));
    return this.current;
  }

  /** A valid access token, renewed when close to lapsing; null when signed out. */
  async accessToken(): Promise<string | null> {
    const claims = this.access ? claimsOf(this.access) : null;
    if (this.access && claims && claims.exp * 1000 - Date.now() > REFRESH_MARGIN_MS) return this.access;
    if (!this.secrets.get(this.secretKey)) return null;
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** The hub refused the token we sent: drop it, and try the refresh token once. */
  async rejected(): Promise<string | null> {
    this.access = null;
    return this.accessToken();
  }

  async signOut(): Promise<SessionState> {
    const refreshToken = this.secrets.get(this.secretKey);
    if (refreshToken) {
      await fetch(`${this.hubUrl}/api/auth/logout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      }).catch(() => undefined /* offline: the refresh token still dies with its lifetime */);
    }
    this.secrets.delete(this.secretKey);
    this.access = null;
    this.update({ signedIn: false, user: null, problem: null });
    return this.current;
  }

  private async refresh(): Promise<string | null> {
    const refreshToken = this.secrets.get(this.secretKey);
    if (!refreshToken) return null;
    let response: Response;
    try {
      response = await fetch(`${this.hubUrl}/api/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
    } catch {
      return null; // offline: keep the stored session, try again later
    }
    if (!response.ok) {
      this.secrets.delete(this.secretKey);
      this.access = null;
      this.update({ signedIn: false, user: null, problem: 'Your session ended; please sign in again.' });
      return null;
    }
    this.adopt(TokenPair.parse(await response.json()));
    return this.access;
  }

  private adopt(tokens: z.infer<typeof TokenPair>): void {
    this.secrets.set(this.secretKey, tokens.refreshToken);
    this.access = tokens.accessToken;
    const claims = claimsOf(tokens.accessToken);
    this.update({ signedIn: true, user: claims ? { userId: claims.sub, role: claims.role } : null, problem: null });
  }

  private update(state: SessionState): void {
    this.current = state;
    this.emit('changed', state);
  }
}
