import { Readable, Transform, pipeline } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { Change, SnapshotPageEnd, SyncedTable } from '../../shared/protocol/syncProtocol';
import type { SqlRunner } from '../db/hubDatabase';
import { readHeadSeq } from '../changes/changeLog';
import { snapshotPageStream } from './snapshotStream';
import { FULL_AUDIENCE, type SyncAudience } from './syncAudience';

/** Room for the full audience's case pages at a million cases (~250 MB gzipped), and some others'. */
const CACHE_BYTES = 512 * 1024 * 1024;

/** The change feed as this cache needs it: who changed, and how far the feed has read. */
export interface ChangeSource {
  readonly headSeq: number;
  onBatch(listener: (afterSeq: number, changes: Change[]) => void): () => void;
  poke(): Promise<void>;
}

interface CachedPage {
  gzip: Buffer;
  /** The keys the page covers: (after, lastKey], or (after, ∞) for the table's last page. */
  after: string | null;
  lastKey: string | null;
  done: boolean;
}

/**
 * Case snapshot pages, kept gzipped once built. Building a page (the json
 * view, row by row, then gzip) is the hub's dominant cost in a bootstrap, and
 * every desk asks for the same pages; served from here a page costs a memcpy.
 *
 * Never stale: a kept page is dropped when the change feed reports a change to
 * any case in its key range (a new case lands in the last page, whose range is
 * open). A page is served from here only once the feed has read up to the
 * log's head, so every change a console's bootstrap starts after has already
 * dropped what it touched; and a page during whose building any case changed
 * is served but not kept. Keys are uuids: their text order is PostgreSQL's
 * uuid order.
 */
export class SnapshotPageCache {
  private readonly pages = new Map<string, CachedPage>();
  private readonly building = new Map<string, Promise<void>>();
  private bytes = 0;
  /** Counts case changes seen; a page built across one is not kept. */
  private caseChanges = 0;

  constructor(
    private readonly db: SqlRunner,
    private readonly feed: ChangeSource,
  ) {
    feed.onBatch((_afterSeq, changes) => {
      for (const change of changes) if (change.table === 'cases') this.forget(change.id);
    });
  }

  /** A snapshot page as gzip bytes: a kept copy, or built (streaming to the caller as it goes). */
  async page(
    table: SyncedTable,
    after: string | null,
    limit: number,
    audience: SyncAudience,
  ): Promise<Readable | Buffer> {
    if (table !== 'cases') return gzipped(snapshotPageStream(this.db, table, after, limit, audience));
    const key = JSON.stringify([audience.entityScope, audience.seesPersonalData, limit, after]);
    await this.building.get(key);
    // Catch the feed up first: reading the kept page before that would serve a
    // page the catch-up is about to drop (and re-insert it as recently used).
    const current = this.pages.has(key) && (await this.feedIsCurrent());
    const kept = this.pages.get(key);
    if (kept && current) {
      this.pages.delete(key); // re-inserted last: the map's order is least recently used first
      this.pages.set(key, kept);
      return kept.gzip;
    }
    return this.build(key, after, limit, audience);
  }

  /**
   * Builds the full audience's case pages in the background, one at a time, so
   * the first desk to bootstrap after a hub starts finds them ready.
   */
  async warm(limit: number): Promise<void> {
    let after: string | null = null;
    for (;;) {
      const key = JSON.stringify([FULL_AUDIENCE.entityScope, FULL_AUDIENCE.seesPersonalData, limit, after]);
      if (!this.pages.has(key)) await this.finished(await this.page('cases', after, limit, FULL_AUDIENCE));
      const page = this.pages.get(key);
      if (!page || page.done || this.bytes > CACHE_BYTES * 0.9) return;
      after = page.lastKey;
    }
  }

  private build(key: string, after: string | null, limit: number, audience: SyncAudience): Readable {
    const changesAtStart = this.caseChanges;
    let end: SnapshotPageEnd | null = null;
    // The page's last line says which keys it covers.
    const watchEnd = new Transform({
      transform(chunk: Buffer | string, _encoding, done) {
        const text = String(chunk);
        if (text.includes('"pageEnd"')) end = JSON.parse(text.slice(text.lastIndexOf('{'))) as SnapshotPageEnd;
        done(null, chunk);
      },
    });
    const gzip = gzipped(snapshotPageStream(this.db, 'cases', after, limit, audience), watchEnd);
    const chunks: Buffer[] = [];
    gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
    const built = new Promise<void>((resolve) => {
      gzip.once('end', () => {
        if (end && this.caseChanges === changesAtStart) {
          this.keep(key, { gzip: Buffer.concat(chunks), after, lastKey: end.lastKey, done: end.done });
        }
        resolve();
      });
      gzip.once('close', resolve);
    });
    this.building.set(key, built);
    void built.then(() => this.building.get(key) === built && this.building.delete(key));
    return gzip;
  }

  private keep(key: string, page: CachedPage): void {
    this.pages.set(key, page);
    this.bytes += page.gzip.length;
    for (const [oldest, old] of this.pages) {
      if (this.bytes <= CACHE_BYTES) break;
      this.pages.delete(oldest);
      this.bytes -= old.gzip.length;
    }
  }

  private forget(id: string): void {
    this.caseChanges++;
    for (const [key, page] of this.pages) {
      const pastStart = page.after === null || id > page.after;
      const beforeEnd = page.done || (page.lastKey !== null && id <= page.lastKey);
      if (pastStart && beforeEnd) {
        this.pages.delete(key);
        this.bytes -= page.gzip.length;
      }
    }
  }

  /** Whether the feed has read every change committed so far (so every stale page is gone). */
  private async feedIsCurrent(): Promise<boolean> {
    const head = await readHeadSeq(this.db);
    for (let tries = 0; tries < 3 && this.feed.headSeq < head; tries++) await this.feed.poke();
    return this.feed.headSeq >= head;
  }

  private finished(body: Readable | Buffer): Promise<void> {
    if (Buffer.isBuffer(body)) return Promise.resolve();
    return new Promise((resolve) => {
      body.on('error', () => resolve());
      body.on('close', () => resolve());
      body.resume();
    });
  }
}

/** A page's NDJSON gzipped on its way out (level 1: the stream is big, and CPU is the cost). */
export function gzipped(source: Readable, ...through: Transform[]): Readable {
  const gzip = createGzip({ level: 1 });
  pipeline([source, ...through, gzip], () => undefined);
  return gzip;
}
