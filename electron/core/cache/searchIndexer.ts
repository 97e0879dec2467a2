import type { Statement } from 'better-sqlite3';
import type { CacheDb } from './openCacheDatabase';
import { caseSearchText } from './caseSearchText';

/**
 * How far the background build has indexed, by the cases table's rowid;
 * present only while a build is owed (ReplicaStore.requestSearchRebuild).
 */
export const SEARCH_INDEXED_UP_TO = 'search.indexedUpTo';
/** Rows per slice: about 30 ms of folding and FTS writes here, so a live change never waits longer. */
const SLICE_ROWS = 500;
const PROGRESS_EVERY_MS = 250;

export interface SearchIndexProgress {
  /** Cases whose search text is written, of all the cases held (by rowid, which a fresh load fills densely). */
  indexed: number;
  total: number;
}

interface IndexRow {
  rowid: number;
  number: string;
  title: string;
  body: string;
  applicantPhone: string;
}

/**
 * Builds the full-text search index in the background, a slice of cases per
 * transaction, yielding to the event loop between slices.
 *
 * Folding Arabic text and writing FTS postings is three quarters of the cost
 * of loading a case, so a snapshot writes the cases alone and the queue is
 * usable at once; search fills in behind it, its progress shown like the
 * snapshot's. Live changes index their case as they land (ReplicaStore.index,
 * INSERT OR REPLACE by rowid), so a case changed meanwhile is found at once
 * and writing it again here is harmless. Where the build stands is kept in
 * sync_meta in the slice's own transaction, so a restart resumes it.
 */
export class SearchIndexer {
  private readonly slice: Statement<[number, number], IndexRow>;
  private readonly write: Statement<[number, string]>;
  private readonly readMark: Statement<[string], { value: string }>;
  private readonly putMark: Statement<[string, string]>;
  private readonly dropMark: Statement<[string]>;
  private readonly lastRowid: Statement<[], { n: number | null }>;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly db: CacheDb,
    private readonly options: {
      /** A snapshot is being written: the build waits (it would be redone after it anyway). */
      paused: () => boolean;
      onProgress: (progress: SearchIndexProgress | null) => void;
    },
  ) {
    this.slice = db.prepare(
      `SELECT rowid, number, title, body, applicant_phone AS applicantPhone FROM cases
       WHERE rowid > ? ORDER BY rowid LIMIT ?`,
    );
    this.write = db.prepare('INSERT OR REPLACE INTO cases_fts (rowid, text) VALUES (?, ?)');
    this.readMark = db.prepare('SELECT value FROM sync_meta WHERE key = ?');
    this.putMark = db.prepare(
      'INSERT INTO sync_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    this.dropMark = db.prepare('DELETE FROM sync_meta WHERE key = ?');
    this.lastRowid = db.prepare('SELECT max(rowid) AS n FROM cases');
  }

  /** Where the build stands, or null when search covers every case. */
  progress(): SearchIndexProgress | null {
    const mark = this.readMark.get(SEARCH_INDEXED_UP_TO);
    if (!mark) return null;
    const total = this.lastRowid.get()?.n ?? 0;
    return { indexed: Math.min(Number(mark.value), total), total };
  }

  /** Indexes the next slice; false once the build is done. */
  step(): boolean {
    const mark = this.readMark.get(SEARCH_INDEXED_UP_TO);
    if (!mark) return false;
    return this.db.transaction(() => {
      const rows = this.slice.all(Number(mark.value), SLICE_ROWS);
      if (rows.length === 0) {
        this.dropMark.run(SEARCH_INDEXED_UP_TO);
        return false;
      }
      for (const row of rows) this.write.run(row.rowid, caseSearchText(row));
      this.putMark.run(SEARCH_INDEXED_UP_TO, String(rows.at(-1)!.rowid));
      return true;
    })();
  }

  /** Starts the build if one is owed and none is running (cheap to call on every status change). */
  kick(): void {
    if (this.running || this.stopped || this.options.paused() || !this.readMark.get(SEARCH_INDEXED_UP_TO)) return;
    // Started on the next microtask: its first progress report may kick again, and must find it running.
    this.running = Promise.resolve()
      .then(() => this.run())
      .finally(() => (this.running = null));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async run(): Promise<void> {
    let reported = 0;
    this.options.onProgress(this.progress());
    while (!this.stopped && !this.options.paused()) {
      if (!this.step()) {
        this.options.onProgress(null);
        return;
      }
      if (Date.now() - reported > PROGRESS_EVERY_MS) {
        reported = Date.now();
        this.options.onProgress(this.progress());
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}
