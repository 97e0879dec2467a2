import type { Statement } from 'better-sqlite3';
import type { ReplicaDb } from '../replica/openReplicaDatabase';
import { CASE_SEARCH_TABLE as FTS, SEARCH_OWED_TABLE } from '../replica/replicaSchema';
import { caseSearchText } from './caseSearchText';

/**
 * How far the background build has indexed, by the cases table's rowid;
 * present only while a build is owed (ReplicaStore.requestSearchRebuild).
 */
export const SEARCH_INDEXED_UP_TO = 'search.indexedUpTo';
/** Rows per slice: few enough that a live change waiting behind a slice's folding and FTS writes never waits long. */
const SLICE_ROWS = 500;
const PROGRESS_EVERY_MS = 250;
/** How long live changes gather before their search text is written: one slice, one index segment, for the lot. */
const PENDING_EVERY_MS = 200;
const PENDING_SLICE = 2000;
/** Pages of index merging per step: a few milliseconds, so a live change never waits long behind one. */
const MERGE_PAGES = 16;

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
 * snapshot's. Where the build stands is kept in sync_meta in the slice's own
 * transaction, so a restart resumes it.
 *
 * Live changes owe their case's text through search_pending (replica v010,
 * filled by triggers as they land); it is written here a fifth of a second
 * later, all of it in one slice, since an FTS write per live transaction
 * costs an index segment per commit. A case is searchable within that fifth
 * of a second, and what is owed survives a restart in the table.
 */
export class SearchIndexer {
  private readonly slice: Statement<[number, number], IndexRow>;
  private readonly write: Statement<[number, string]>;
  private readonly readMark: Statement<[string], { value: string }>;
  private readonly putMark: Statement<[string, string]>;
  private readonly dropMark: Statement<[string]>;
  private readonly lastRowid: Statement<[], { n: number | null }>;
  private readonly pendingSlice: Statement<[number], IndexRow & { pendingRowid: number }>;
  private readonly clearPending: Statement<[number]>;
  private readonly mergeSome: Statement<[]>;
  private readonly totalChanges: Statement<[], number>;
  private mergeTimer: NodeJS.Immediate | null = null;
  private running: Promise<void> | null = null;
  private pendingTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly db: ReplicaDb,
    private readonly options: {
      /** A snapshot is being written: the build waits (it would be redone after it anyway). */
      paused: () => boolean;
      onProgress: (progress: SearchIndexProgress | null) => void;
      /** Owed text was written: a search on screen may now find more. */
      onPendingWritten?: () => void;
      /** Resolves when the write-ahead log has room for more (WalCheckpointer.room): the build waits on it. */
      logRoom?: () => Promise<void>;
    },
  ) {
    this.slice = db.prepare(
      `SELECT rowid, number, title, body, applicant_phone AS applicantPhone FROM cases
       WHERE rowid > ? ORDER BY rowid LIMIT ?`,
    );
    this.write = db.prepare(`INSERT OR REPLACE INTO ${FTS} (rowid, text) VALUES (?, ?)`);
    this.readMark = db.prepare('SELECT value FROM sync_meta WHERE key = ?');
    this.putMark = db.prepare(
      'INSERT INTO sync_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    this.dropMark = db.prepare('DELETE FROM sync_meta WHERE key = ?');
    this.lastRowid = db.prepare('SELECT max(rowid) AS n FROM cases');
    // A case deleted since it was owed has no text: its entry is cleared all the same.
    this.pendingSlice = db.prepare(
      `SELECT p.case_rowid AS pendingRowid, c.rowid, c.number, c.title, c.body, c.applicant_phone AS applicantPhone
       FROM (SELECT case_rowid FROM ${SEARCH_OWED_TABLE} ORDER BY case_rowid LIMIT ?) p
       LEFT JOIN cases c ON c.rowid = p.case_rowid`,
    );
    this.clearPending = db.prepare(`DELETE FROM ${SEARCH_OWED_TABLE} WHERE case_rowid <= ?`);
    // FTS5 merges its index segments inside whichever write crosses its threshold ('automerge'),
    // which can make that live slice take orders of magnitude longer than usual. The merging is done
    // here instead, a few pages a step between other work.
    db.prepare(`INSERT INTO ${FTS} (${FTS}, rank) VALUES ('automerge', 0)`).run();
    this.mergeSome = db.prepare(`INSERT INTO ${FTS} (${FTS}, rank) VALUES ('merge', ${MERGE_PAGES})`);
    this.totalChanges = db.prepare('SELECT total_changes()').pluck() as Statement<[], number>;
  }

  /**
   * One step of merging, on the levels automerge would have merged (those
   * holding 'usermerge' segments or more, or a merge begun); false when there
   * was nothing to merge. FTS5 documents the test: total_changes() moves by 2
   * or more only when the step did work.
   */
  mergeStep(): boolean {
    const before = this.totalChanges.get()!;
    this.mergeSome.run();
    return this.totalChanges.get()! - before >= 2;
  }

  /** Merges step by step, each its own task, until no level needs it. */
  private mergeSoon(): void {
    if (this.mergeTimer || this.stopped) return;
    this.mergeTimer = setImmediate(() => {
      this.mergeTimer = null;
      try {
        if (!this.stopped && this.mergeStep()) this.mergeSoon();
      } catch {
        // The replica closed or failed a write: merging waits for the next drain to ask again.
      }
    }).unref();
  }

  /** Writes a slice of the search text live changes owe; returns how many cases it covered (0: nothing owed). */
  drainPending(): number {
    return this.db.transaction(() => {
      const rows = this.pendingSlice.all(PENDING_SLICE);
      if (rows.length === 0) return 0;
      for (const row of rows) if (row.rowid !== null) this.write.run(row.rowid, caseSearchText(row));
      this.clearPending.run(rows.at(-1)!.pendingRowid);
      return rows.length;
    })();
  }

  /** Live changes landed: their text is written shortly, together with whatever else lands meanwhile. */
  kickPending(): void {
    if (this.pendingTimer || this.stopped) return;
    this.pendingTimer = setTimeout(() => {
      this.pendingTimer = null;
      if (this.stopped) return;
      const written = this.drainPending();
      if (written > 0) {
        this.options.onPendingWritten?.();
        this.mergeSoon();
      }
      if (written === PENDING_SLICE) this.kickPending();
    }, PENDING_EVERY_MS);
    this.pendingTimer.unref();
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
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = null;
    if (this.mergeTimer) clearImmediate(this.mergeTimer);
    this.mergeTimer = null;
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
      while (!this.stopped && this.mergeStep()) await new Promise<void>((resolve) => setImmediate(resolve));
      await this.options.logRoom?.();
    }
  }
}
