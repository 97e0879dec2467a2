import { EventEmitter } from 'node:events';
import { CoreMessage, type CoreCall, type CoreStart, type DeskEndpoint } from '../shared/contract/coreChannel';
import type { WireError } from '../shared/contract/defineContract';
import type { ChildLine } from './childProcess';

type Reply = { ok: true; value: unknown } | { ok: false; error: WireError };

/** Secrets the host keeps for the core (Electron: sealed by the OS keychain). */
export interface HostSecrets {
  read(): Record<string, string>;
  set(key: string, value: string): void;
  delete(key: string): void;
}

export interface CoreSupervisorOptions {
  fork: () => ChildLine;
  start: Omit<CoreStart, 'type' | 'hostSecrets'>;
  secrets?: HostSecrets;
  /** Each time a core is ready (first start and every restart): the shell hands it renderer ports here. */
  onReady?: (child: ChildLine) => void;
  log?: (line: string) => void;
  /** Waits before each restart, by how many crashes came in a row (the last repeats). */
  restartDelaysMs?: readonly number[];
}

const RESTART_DELAYS_MS = [200, 1_000, 2_000, 5_000, 10_000];
/** A core that ran this long before it died starts again at once: it was not crashing in a loop. */
const STEADY_MS = 60_000;
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 20_000;

/**
 * Runs the desk core in a process of its own and stands in for it towards the
 * renderer's bridge: calls are relayed and answered, events passed on. A core
 * that exits unexpectedly is started again on the same replica (its outbox and
 * position are committed there), calls in flight are told it went away, calls
 * made meanwhile wait for the new core, and listeners hear `core.restarted`.
 */
export class CoreSupervisor implements DeskEndpoint {
  readonly events = new EventEmitter<Record<string, [unknown]>>();
  /** Each core's readiness, for calls that wait through a restart. */
  private readonly lifecycle = new EventEmitter<{ ready: [] }>();
  private child: ChildLine | null = null;
  private ready: Promise<void> | null = null;
  private readonly pending = new Map<number, (reply: Reply) => void>();
  private nextId = 1;
  private crashesInARow = 0;
  private restarts = 0;
  private stopping: Promise<void> | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private readonly delays: readonly number[];
  private readonly log: (line: string) => void;

  constructor(private readonly options: CoreSupervisorOptions) {
    this.delays = options.restartDelaysMs ?? RESTART_DELAYS_MS;
    this.log = options.log ?? (() => undefined);
    this.events.setMaxListeners(0);
    // Every call made while a core restarts waits on one listener.
    this.lifecycle.setMaxListeners(0);
  }

  /** The core's process id now (tests kill it to see it come back). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get restartCount(): number {
    return this.restarts;
  }

  /** Starts the core and resolves once it answers calls; rejects if the first start fails. */
  start(): Promise<void> {
    return this.launch();
  }

  async dispatch(method: unknown, input: unknown): Promise<Reply> {
    if (this.stopping) return { ok: false, error: { code: 'disconnected', message: 'The console is closing.' } };
    try {
      await this.ready;
    } catch {
      // A restart is on its way (or the first start failed): wait for the next core.
      await new Promise<void>((resolve) => this.lifecycle.once('ready', resolve));
    }
    const child = this.child;
    if (!child) return { ok: false, error: { code: 'disconnected', message: 'The console engine is not running.' } };
    const id = this.nextId++;
    return new Promise<Reply>((resolve) => {
      this.pending.set(id, resolve);
      child.post({ type: 'call', id, method: String(method).slice(0, 100), input } satisfies CoreCall);
    });
  }

  private launch(): Promise<void> {
    const child = this.options.fork();
    this.child = child;
    const startedAt = Date.now();
    let settled = false;
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        reject(new Error('The console engine did not start in time.'));
        child.kill();
      }, START_TIMEOUT_MS);
      child.onMessage((raw) => {
        const parsed = CoreMessage.safeParse(raw);
        if (!parsed.success) return;
        const m = parsed.data;
        if (m.type === 'ready' && !settled) {
          settled = true;
          clearTimeout(timer);
          resolve();
          this.options.onReady?.(child);
          this.lifecycle.emit('ready');
        } else if (m.type === 'failed' && !settled) {
          settled = true;
          clearTimeout(timer);
          reject(new Error(m.message));
        } else this.receive(m);
      });
      child.onExit((code) => {
        clearTimeout(timer);
        if (!settled) {
          settled = true;
          reject(new Error(`The console engine exited while starting (code ${code}).`));
        }
        this.exited(child, code, Date.now() - startedAt);
      });
    });
    this.ready.catch(() => undefined);
    child.post({
      type: 'start',
      ...this.options.start,
      ...(this.options.secrets ? { hostSecrets: this.options.secrets.read() } : {}),
    } satisfies CoreStart);
    return this.ready;
  }

  private receive(m: CoreMessage): void {
    switch (m.type) {
      case 'result': {
        const resolve = this.pending.get(m.id);
        this.pending.delete(m.id);
        resolve?.(m.ok ? { ok: true, value: m.value } : { ok: false, error: m.error });
        return;
      }
      case 'event':
        this.events.emit(m.event, m.payload);
        return;
      case 'secret.set':
        this.options.secrets?.set(m.key, m.value);
        return;
      case 'secret.delete':
        this.options.secrets?.delete(m.key);
        return;
      default:
        return;
    }
  }

  private exited(child: ChildLine, code: number | null, livedMs: number): void {
    if (child !== this.child) return;
    this.child = null;
    // Calls in flight may or may not have run: the caller is told, as when any link drops.
    for (const [id, resolve] of this.pending) {
      this.pending.delete(id);
      resolve({ ok: false, error: { code: 'disconnected', message: 'The console engine restarted; try again.' } });
    }
    if (this.stopping) return;
    this.crashesInARow = livedMs > STEADY_MS ? 1 : this.crashesInARow + 1;
    const delay = this.delays[Math.min(this.crashesInARow, this.delays.length) - 1] ?? 0;
    this.log(`The console engine stopped unexpectedly (exit code ${code}); starting it again in ${delay} ms.`);
    // Calls made from now on wait for the new core.
    this.ready = new Promise<void>((resolve) => this.lifecycle.once('ready', resolve));
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.restarts++;
      this.launch().then(
        () => {
          this.log('The console engine is running again.');
          this.events.emit('core.restarted', { restarts: this.restarts });
        },
        (error: unknown) => this.log(`The console engine could not start again: ${String(error)}`),
      );
    }, delay);
  }

  /** Asks the core to close its replica and waits for it; a core that does not stop in time is killed. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.restartTimer) clearTimeout(this.restartTimer);
      const child = this.child;
      if (!child) return;
      const gone = new Promise<void>((resolve) => child.onExit(() => resolve()));
      child.post({ type: 'stop' });
      const timer = setTimeout(() => child.kill(), STOP_TIMEOUT_MS);
      await gone;
      clearTimeout(timer);
    })();
    return this.stopping;
  }
}
