import { z } from 'zod';
import { ROW_SCHEMAS, SnapshotPageEnd, type SyncedRows, type SyncedTable } from '../../shared/protocol/syncProtocol';
import { snapshotRowParams } from '../replica/snapshotColumns';

/** A snapshot page ready for SQLite: each row as its statement parameters. */
export interface DecodedSnapshotPage {
  params: unknown[][];
  end: SnapshotPageEnd;
}

/** What went wrong decoding a page, as plain data (it may cross a thread boundary). */
export interface SnapshotDecodeFailure {
  kind: 'malformed' | 'endedEarly';
  message: string;
}

/**
 * Turns one snapshot page's NDJSON bytes into rows ready to write: split into
 * lines, parsed, validated against the row schema (the same zod schema as
 * everywhere), then laid out as statement parameters. Pure CPU work with no
 * I/O, so it runs in a worker thread while the main thread writes the
 * previous page (see snapshotPageFetch.ts), or inline where no worker can start.
 */
export class SnapshotPageDecoder {
  private readonly text = new TextDecoder();
  private carry = '';
  private readonly params: unknown[][] = [];
  private readonly schema: z.ZodType;
  private end: SnapshotPageEnd | null = null;
  private failure: SnapshotDecodeFailure | null = null;

  constructor(private readonly table: SyncedTable) {
    this.schema = ROW_SCHEMAS[table] as z.ZodType;
  }

  /** Feeds the next bytes of the page; they may end mid-line (and mid-character). */
  push(bytes: Uint8Array): void {
    if (this.failure) return;
    this.lines(this.carry + this.text.decode(bytes, { stream: true }));
  }

  /** The page's bytes are all in: the page, or why it cannot be applied. */
  finish(): DecodedSnapshotPage | SnapshotDecodeFailure {
    if (!this.failure) this.lines(this.carry + this.text.decode() + '\n');
    if (this.failure) return this.failure;
    if (!this.end) {
      return {
        kind: 'endedEarly',
        message: `The snapshot page of ${this.table} ended early; it will be fetched again.`,
      };
    }
    return { params: this.params, end: this.end };
  }

  private lines(text: string): void {
    const lines = text.split('\n');
    this.carry = lines.pop() ?? '';
    try {
      for (const line of lines) {
        if (!line) continue;
        const value: unknown = JSON.parse(line);
        if ((value as { kind?: unknown }).kind === 'pageEnd') {
          this.end = SnapshotPageEnd.parse(value);
          continue;
        }
        const parsed = this.schema.safeParse(value);
        if (!parsed.success) {
          this.failure = {
            kind: 'malformed',
            message: `The hub sent a malformed ${this.table} row; the page was not applied. ${z.prettifyError(parsed.error)}`,
          };
          return;
        }
        const row = parsed.data as SyncedRows[SyncedTable];
        this.params.push(snapshotRowParams(this.table, row));
      }
    } catch (error) {
      this.failure = {
        kind: 'malformed',
        message: `The hub sent a ${this.table} page that is not NDJSON; the page was not applied. ${(error as Error).message}`,
      };
    }
  }
}

export const isDecodeFailure = (result: DecodedSnapshotPage | SnapshotDecodeFailure): result is SnapshotDecodeFailure =>
  'kind' in result;
