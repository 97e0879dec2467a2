/**
 * The hub's one seam over its database: PostgreSQL in production, PGlite
 * (embedded Postgres) as the default and in fast tests. Everything above this
 * interface is the same SQL for both.
 */
export interface SqlRunner {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /**
   * Only on a transaction's runner: leaves `payload` for this process's
   * `listenCommitted(channel)` listeners, handed over once COMMIT has returned
   * (before `transaction` resolves) and never if the transaction rolls back.
   */
  notifyOnCommit?(channel: string, payload: unknown): void;
}

export interface HubDatabase extends SqlRunner {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction; a throw rolls everything back. */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** Multi-statement SQL without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * A runner of its own, outside the pool that commands share, for reads that
   * must not queue behind a burst of commands (the change feed that carries
   * live deltas). PGlite, one connection by nature, gives itself.
   */
  dedicatedReader(): SqlRunner;
  /** LISTEN on a channel; resolves once listening, returns a function that stops. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * Hears what transactions committed through this HubDatabase left on `channel` with `notifyOnCommit`:
   * one call per transaction, its payloads in the order given. Other processes' commits are not heard here.
   */
  listenCommitted(channel: string, onCommit: (payloads: unknown[]) => void): () => void;
  close(): Promise<void>;
}
