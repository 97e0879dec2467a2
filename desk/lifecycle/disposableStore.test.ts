import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AsyncDisposableStore,
  DisposableStore,
  listen,
  toAsyncDisposable,
  toDisposable,
  type IAsyncDisposable,
} from './disposableStore';

/** Both stores behind one face: what differs is only whether dispose() is awaited. */
interface StoreKind {
  name: string;
  make(): { add<T extends IAsyncDisposable>(item: T): T; readonly isDisposed: boolean };
  dispose(store: unknown): Promise<void>;
}
const kinds: StoreKind[] = [
  {
    name: 'DisposableStore',
    make: () => new DisposableStore() as unknown as ReturnType<StoreKind['make']>,
    dispose: async (store) => (store as DisposableStore).dispose(),
  },
  {
    name: 'AsyncDisposableStore',
    make: () => new AsyncDisposableStore(),
    dispose: (store) => (store as AsyncDisposableStore).dispose(),
  },
];

afterEach(() => vi.restoreAllMocks());

describe.each(kinds)('$name', (kind) => {
  it.each([
    { added: 0, order: [] },
    { added: 1, order: [0] },
    { added: 5, order: [4, 3, 2, 1, 0] },
  ])('disposes $added items in reverse order of adding', async ({ added, order }) => {
    const store = kind.make();
    const disposed: number[] = [];
    for (let i = 0; i < added; i++) store.add(toDisposable(() => disposed.push(i)));
    await kind.dispose(store);
    expect(disposed).toEqual(order);
    expect(store.isDisposed).toBe(true);
  });

  it.each([
    { times: 2, label: 'twice' },
    { times: 5, label: 'five times' },
  ])('disposes each item once when disposed $label', async ({ times }) => {
    const store = kind.make();
    const dispose = vi.fn();
    store.add({ dispose });
    for (let i = 0; i < times; i++) await kind.dispose(store);
    expect(dispose).toHaveBeenCalledTimes(1);
  });

  it.each([
    { failing: [1], total: 3 },
    { failing: [0, 2], total: 3 },
    { failing: [0, 1, 2], total: 3 },
  ])('runs every disposal when $failing of $total fail, then throws them together', async ({ failing, total }) => {
    const store = kind.make();
    const ran: number[] = [];
    for (let i = 0; i < total; i++) {
      store.add(
        toDisposable(() => {
          ran.push(i);
          if (failing.includes(i)) throw new Error(`item ${i}`);
        }),
      );
    }
    const thrown = await kind.dispose(store).then(
      () => null,
      (error: unknown) => error,
    );
    expect(ran).toEqual([...Array(total).keys()].reverse());
    expect(thrown).toBeInstanceOf(AggregateError);
    // In the order they were disposed: the last added first.
    expect((thrown as AggregateError).errors.map((e: Error) => e.message)).toEqual(
      [...failing].reverse().map((i) => `item ${i}`),
    );
  });

  it('disposes what is added after it was disposed at once, and warns', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const store = kind.make();
    await kind.dispose(store);
    const dispose = vi.fn();
    const item = { dispose };
    expect(store.add(item)).toBe(item);
    await Promise.resolve();
    expect(dispose).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/already disposed/);
  });

  it('refuses to hold itself', () => {
    const store = kind.make();
    expect(() => store.add(store as unknown as IAsyncDisposable)).toThrow(/itself/);
  });
});

describe('AsyncDisposableStore', () => {
  it('awaits each release before starting the one added before it', async () => {
    const store = new AsyncDisposableStore();
    const log: string[] = [];
    const slow = (name: string, ms: number) =>
      toAsyncDisposable(async () => {
        log.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        log.push(`${name} end`);
      });
    store.add(slow('first', 1));
    store.add(toDisposable(() => log.push('middle')));
    store.add(slow('last', 20));
    await store.dispose();
    expect(log).toEqual(['last start', 'last end', 'middle', 'first start', 'first end']);
  });

  it('makes a second dispose wait for the first', async () => {
    const store = new AsyncDisposableStore();
    let release!: () => void;
    store.add(toAsyncDisposable(() => new Promise<void>((resolve) => (release = resolve))));
    const first = store.dispose();
    const second = store.dispose();
    expect(second).toBe(first);
    let settled = false;
    void second.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    release();
    await second;
    expect(settled).toBe(true);
  });

  it('reports rather than leaves unhandled an async release added after it was disposed that fails', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const store = new AsyncDisposableStore();
    await store.dispose();
    store.add(toAsyncDisposable(async () => Promise.reject(new Error('late'))));
    await new Promise((resolve) => setImmediate(resolve));
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ message: 'late' }));
  });
});

describe('toDisposable / toAsyncDisposable', () => {
  it.each([
    { name: 'toDisposable', make: toDisposable },
    { name: 'toAsyncDisposable', make: toAsyncDisposable },
  ])('$name runs its function once', async ({ make }) => {
    const fn = vi.fn();
    const disposable = make(fn);
    await disposable.dispose();
    await disposable.dispose();
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe('listen', () => {
  /** Not an EventEmitter: only on/off, as a socket.io socket or a DOM-like target offers. */
  class OnOff {
    readonly listeners = new Map<string, Set<(value: number) => void>>();
    on(event: string, listener: (value: number) => void) {
      if (!this.listeners.has(event)) this.listeners.set(event, new Set());
      this.listeners.get(event)!.add(listener);
      return this;
    }
    off(event: string, listener: (value: number) => void) {
      this.listeners.get(event)?.delete(listener);
      return this;
    }
    emit(event: string, value: number) {
      for (const listener of this.listeners.get(event) ?? []) listener(value);
    }
  }

  it.each([
    {
      name: 'a typed node EventEmitter',
      make: () => {
        const emitter = new EventEmitter<{ tick: [number] }>();
        return {
          subscribe: (heard: number[]) => listen(emitter, 'tick', (n: number) => heard.push(n)),
          emit: (n: number) => emitter.emit('tick', n),
          count: () => emitter.listenerCount('tick'),
        };
      },
    },
    {
      name: 'an on/off object',
      make: () => {
        const target = new OnOff();
        return {
          subscribe: (heard: number[]) => listen(target, 'tick', (n: number) => heard.push(n)),
          emit: (n: number) => target.emit('tick', n),
          count: () => target.listeners.get('tick')?.size ?? 0,
        };
      },
    },
  ])('hears $name until disposed, then is removed', ({ make }) => {
    const source = make();
    const heard: number[] = [];
    const subscription = source.subscribe(heard);
    source.emit(1);
    expect(source.count()).toBe(1);
    subscription.dispose();
    subscription.dispose();
    source.emit(2);
    expect(heard).toEqual([1]);
    expect(source.count()).toBe(0);
  });

  it('removes only its own listener, in a store with others', () => {
    const emitter = new EventEmitter();
    const store = new DisposableStore();
    const kept = () => undefined;
    emitter.on('x', kept);
    store.add(listen(emitter, 'x', () => undefined));
    store.add(listen(emitter, 'x', () => undefined));
    expect(emitter.listenerCount('x')).toBe(3);
    store.dispose();
    expect(emitter.listeners('x')).toEqual([kept]);
  });

  it('refuses, at compile time, an event a typed emitter does not have', () => {
    const emitter = new EventEmitter<{ tick: [number] }>();
    // @ts-expect-error 'tock' is not one of the emitter's events.
    listen(emitter, 'tock', () => undefined).dispose();
  });
});
