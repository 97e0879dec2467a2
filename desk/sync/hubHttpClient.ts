import { z } from 'zod';
import { SnapshotPageEnd, SyncHead, type SyncedTable } from '../../shared/protocol/syncProtocol';
import type { SnapshotPageRequest } from './snapshotPageFetch';
import { DIGEST_FORM, SyncDigest } from '../../shared/protocol/syncDigest';
import { CaseHistory } from '../../shared/domain/caseHistory';

export class HubUnreachableError extends Error {
  constructor(
    message: string,
    /** The hub answered, refusing who we are: someone must sign in. */
    readonly signInNeeded = false,
  ) {
    super(message);
    this.name = 'HubUnreachableError';
  }
}

/** How the core proves who it is to the hub: a bearer token, renewed when the hub refuses it. */
export interface HubCredentials {
  accessToken(): Promise<string | null>;
  rejected(): Promise<string | null>;
}

/** The console's HTTP side of the hub: the head, and snapshot pages streamed line by line. */
export class HubHttpClient {
  constructor(
    readonly hubUrl: string,
    private readonly onContact: () => void = () => undefined,
    private readonly credentials: HubCredentials | null = null,
  ) {}

  async head(signal?: AbortSignal): Promise<SyncHead> {
    const response = await this.get('/api/sync/head', signal);
    const parsed = SyncHead.safeParse(await response.json());
    if (!parsed.success) throw new Error(`The hub sent a malformed head: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  }

  /**
   * The hub's per-table digests of what this reader may see, and the position they were taken at.
   * Validated here: a malformed answer, or digests of another form than this
   * console computes, is an error, never a verdict on the replica.
   */
  async digest(tables: readonly SyncedTable[], signal?: AbortSignal): Promise<SyncDigest> {
    const response = await this.get(`/api/sync/digest?form=${DIGEST_FORM}&tables=${tables.join(',')}`, signal);
    const parsed = SyncDigest.safeParse(await response.json());
    if (!parsed.success) throw new Error(`The hub sent a malformed digest: ${z.prettifyError(parsed.error)}`);
    // A hub that predates named forms ignores the request's and digests id:seq alone.
    if (parsed.data.form !== DIGEST_FORM) {
      throw new Error(
        `The hub digests rows in ${parsed.data.form ? `form ${parsed.data.form}` : 'an older form (id:seq only)'} and this console in form ${DIGEST_FORM}: the replica cannot be compared with it until both run the same release.`,
      );
    }
    return parsed.data;
  }

  /** A case's timeline, chases and notes, validated: the case view shows them as the hub keeps them. */
  async caseHistory(caseId: string, signal?: AbortSignal): Promise<CaseHistory> {
    const response = await this.get(`/api/cases/${encodeURIComponent(caseId)}/history`, signal);
    const parsed = CaseHistory.safeParse(await response.json());
    if (!parsed.success) throw new Error(`The hub sent a malformed case history: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  }

  /** The SLA rules in force, so countdowns here use the hub's calendar and matrix. */
  async slaRules(signal?: AbortSignal): Promise<unknown> {
    return (await this.get('/api/sla/rules', signal)).json();
  }

  /**
   * Streams one snapshot page: `onRows` gets decoded (not yet validated) rows in
   * chunks as they arrive, so memory stays bounded; resolves with the page's end line.
   * A page that ends without its end line is an error (never taken as complete).
   */
  async snapshotPage(
    table: SyncedTable,
    after: string | null,
    limit: number,
    onRows: (rows: unknown[]) => void,
    signal?: AbortSignal,
  ): Promise<SnapshotPageEnd> {
    const query = new URLSearchParams({ limit: String(limit), ...(after ? { after } : {}) });
    const response = await this.get(`/api/sync/snapshot/${table}?${query}`, signal);
    if (!response.body) throw new HubUnreachableError('The hub sent an empty snapshot response.');
    const decoder = new TextDecoder();
    let carry = '';
    let end: SnapshotPageEnd | null = null;
    const take = (text: string) => {
      const lines = text.split('\n');
      carry = lines.pop() ?? '';
      const rows: unknown[] = [];
      for (const line of lines) {
        if (!line) continue;
        const value: unknown = JSON.parse(line);
        if ((value as { kind?: unknown }).kind === 'pageEnd') end = SnapshotPageEnd.parse(value);
        else rows.push(value);
      }
      if (rows.length) onRows(rows);
    };
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      take(carry + decoder.decode(chunk, { stream: true }));
    }
    take(carry + decoder.decode() + '\n');
    if (!end) throw new HubUnreachableError(`The snapshot page of ${table} ended early; it will be fetched again.`);
    return end;
  }

  /**
   * What the snapshot thread needs to fetch a page itself (see snapshotPageThread.ts):
   * its address and this console's token, renewed when the hub refused the last one.
   */
  async snapshotPageRequest(
    table: SyncedTable,
    after: string | null,
    limit: number,
    renew = false,
  ): Promise<SnapshotPageRequest & { path: string }> {
    const query = new URLSearchParams({ limit: String(limit), ...(after ? { after } : {}) });
    const path = `/api/sync/snapshot/${table}?${query}`;
    const token = renew ? await this.credentials?.rejected() : await this.credentials?.accessToken();
    return { path, url: this.hubUrl + path, headers: this.headers(token) };
  }

  /** Whether a refused token can be renewed: a console with credentials asks for another once. */
  get renewsTokens(): boolean {
    return this.credentials !== null;
  }

  /** The hub answered a request made on another thread: it is reachable. */
  noteContact(): void {
    this.onContact();
  }

  /** The error for a refused answer, the same wherever the request was made. */
  refusal(status: number, text: string, path: string): HubUnreachableError {
    if (status === 401) return new HubUnreachableError('Sign in to the hub to sync.', true);
    return new HubUnreachableError(`The hub answered ${status} for ${path}: ${text.slice(0, 200)}`);
  }

  /** The error for a hub that could not be reached at all. */
  unreachable(message: string): HubUnreachableError {
    return new HubUnreachableError(`Cannot reach the hub at ${this.hubUrl}: ${message}`);
  }

  private async get(path: string, signal?: AbortSignal): Promise<Response> {
    let response = await this.fetchWith(path, await this.credentials?.accessToken(), signal);
    if (response.status === 401 && this.credentials) {
      response = await this.fetchWith(path, await this.credentials.rejected(), signal);
    }
    if (!response.ok) throw this.refusal(response.status, await response.text().catch(() => ''), path);
    this.onContact();
    return response;
  }

  private async fetchWith(path: string, token: string | null | undefined, signal?: AbortSignal): Promise<Response> {
    try {
      return await fetch(this.hubUrl + path, { signal: signal ?? null, headers: this.headers(token) });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw this.unreachable((error as Error).message);
    }
  }

  private headers(token: string | null | undefined): Record<string, string> {
    return { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  }
}
