import type { EventEmitter } from 'node:events';

/**
 * One owner for what must be released: after VS Code's DisposableStore
 * (src/vs/base/common/lifecycle.ts). What is created is added as it is
 * created, and disposing releases it all in REVERSE order, so whatever was
 * built on something is gone before that something is: listeners before the
 * emitters they hear, the sync engine before the SQLite connection it writes
 * to. Disposing twice does nothing; one disposal failing does not stop the
 * others, and the failures are thrown together once all have run.
 */
export interface IDisposable {
  dispose(): void;
}

/** A release that may wait (a worker thread's exit, a socket's close); a plain IDisposable is one too. */
export interface IAsyncDisposable {
  dispose(): void | Promise<void>;
}

/** `fn` as a disposable that runs it once, however often it is disposed. */
export function toDisposable(fn: () => void): IDisposable {
  let done = false;
  return {
    dispose() {
      if (done) return;
      done = true;
      fn();
    },
  };
}

/** `fn` as an async disposable that runs it once; disposing again waits for the same run. */
export function toAsyncDisposable(fn: () => void | Promise<void>): IAsyncDisposable {
  let run: Promise<void> | null = null;
  return {
    dispose() {
      run ??= (async () => fn())();
      return run;
    },
  };
}

/** Anything listened to with on/off: node's EventEmitter, a worker, a socket.io socket. */
interface Listenable {
  on(event: never, listener: never): unknown;
  off(event: never, listener: never): unknown;
}

/**
 * A typed node EventEmitter<T> names its events: a misspelt one is refused.
 * Its listeners' argument types cannot be inferred from it (its on() is
 * generic over a conditional type), so a listener's parameters are unknown
 * unless annotated: `listen(sync, 'status', (status: SyncStatus) => …)`.
 */
type EventName<E> =
  E extends EventEmitter<infer T>
    ? T extends readonly unknown[] // node's untyped emitters ([never]): any name
      ? string | symbol
      : keyof T & (string | symbol)
    : string | symbol;

/** Listens to `event` on `emitter` until the returned disposable is disposed. */
export function listen<E extends Listenable, A extends unknown[]>(
  emitter: E,
  event: EventName<E>,
  listener: (...args: A) => void,
): IDisposable {
  const target = emitter as unknown as {
    on(event: string | symbol, listener: (...args: A) => void): unknown;
    off(event: string | symbol, listener: (...args: A) => void): unknown;
  };
  target.on(event, listener);
  return toDisposable(() => void target.off(event, listener));
}

function failure(errors: unknown[], of: number): AggregateError {
  const first = errors[0] instanceof Error ? errors[0].message : String(errors[0]);
  return new AggregateError(errors, `${errors.length} of ${of} disposals failed; the first: ${first}`);
}

function warnAddedAfterDispose(): void {
  console.warn(new Error('A disposable was added to a store already disposed of: it was disposed of at once.').stack);
}

/** Synchronous releases (listeners, timers), disposed in reverse order of adding. */
export class DisposableStore implements IDisposable {
  private readonly items: IDisposable[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Adds `item` and returns it; a store already disposed of disposes it at once (and warns). */
  add<T extends IDisposable>(item: T): T {
    if ((item as unknown) === this) throw new Error('A store cannot be added to itself.');
    if (this.disposed) {
      warnAddedAfterDispose();
      item.dispose();
      return item;
    }
    this.items.push(item);
    return item;
  }

  /** Disposes every item, the last added first; throws an AggregateError of any that failed, after all ran. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const items = this.items.splice(0).reverse();
    const errors: unknown[] = [];
    for (const item of items) {
      try {
        item.dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length) throw failure(errors, items.length);
  }
}

/**
 * Releases that may wait as well as those that do not, disposed one at a time
 * in reverse order of adding, each awaited before the next starts (a thread
 * must have exited before the connection it checkpoints is closed). A second
 * dispose() waits for the first.
 */
export class AsyncDisposableStore implements IAsyncDisposable {
  private readonly items: IAsyncDisposable[] = [];
  private disposing: Promise<void> | null = null;

  get isDisposed(): boolean {
    return this.disposing !== null;
  }

  /** Adds `item` and returns it; a store already disposed of disposes it at once (and warns). */
  add<T extends IAsyncDisposable>(item: T): T {
    if ((item as unknown) === this) throw new Error('A store cannot be added to itself.');
    if (this.disposing) {
      warnAddedAfterDispose();
      // Nobody awaits it: a failure is reported rather than left unhandled.
      void (async () => item.dispose())().catch((error: unknown) => console.error(error));
      return item;
    }
    this.items.push(item);
    return item;
  }

  /** Disposes every item, the last added first; rejects with an AggregateError of any that failed, after all ran. */
  dispose(): Promise<void> {
    this.disposing ??= (async () => {
      const items = this.items.splice(0).reverse();
      const errors: unknown[] = [];
      for (const item of items) {
        try {
          await item.dispose();
        } catch (error) {
          errors.push(error);
        }
      }
      if (errors.length) throw failure(errors, items.length);
    })();
    return this.disposing;
  }
}
