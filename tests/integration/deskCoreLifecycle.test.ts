import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DeskCore } from '../../desk/deskCore';
import type { SecretStore } from '../../desk/session/secretStore';
import type { SyncStatus } from '../../shared/contract/deskContract';
import { hubFixture } from '../support/hubFixture';
import { hubTargets } from '../support/hubDatabaseTargets';
import { DEMO_ACCOUNT } from '../support/staffSession';
import { waitFor } from '../support/waitFor';

const CYCLES = 50;
/**
 * The allowed growth of any one figure across the fifty cycles. A resource
 * leaked by every start and stop grows a figure by 50 (by 7 if it leaks only
 * on the cycles that reach live), so 3 cannot hide one; it absorbs what a busy
 * machine may still have in flight when it is measured: a connection of
 * fetch's shared pool not yet closed, a timer of the hub's own that happens to
 * be armed. Every figure has come back exactly so far. Listeners are not in
 * flight, and get no tolerance.
 */
const TOLERANCE = 3;

// The desk tests run on the hub's default database; PostgreSQL adds nothing to a question about the desk.
const pglite = (await hubTargets()).find((target) => target.name === 'pglite')!;

/** Signed in once: every later core resumes by refresh (sign-ins are rate-limited to 20 a minute). */
function memorySecrets(): SecretStore {
  const values = new Map<string, string>();
  return {
    kind: 'ownerOnlyFile',
    get: (key) => values.get(key) ?? null,
    set: (key, value) => void values.set(key, value),
    delete: (key) => void values.delete(key),
  };
}

/** A full collection, so no handle waits on a finaliser; exposed at run time when node was not started with it. */
const gc: () => void = (() => {
  if (typeof globalThis.gc === 'function') return globalThis.gc;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const listenerTotal = (emitter: NodeJS.EventEmitter) =>
  emitter.eventNames().reduce((sum, name) => sum + emitter.listenerCount(name), 0);
const entries = (path: string) => (existsSync(path) ? readdirSync(path).length : 0);
/** What each of this process's file descriptors is open on (Linux); empty where /proc is not. */
const openFiles = () =>
  existsSync('/proc/self/fd')
    ? readdirSync('/proc/self/fd').map((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`);
        } catch {
          return 'gone'; // the descriptor readdir itself used
        }
      })
    : [];

/**
 * tsx's own loader files. Run from source, each worker thread registers tsx's
 * module hooks, and Node 20 leaves the hooks' files open when such a worker is
 * terminated. The bundled core (what Electron runs) registers no hooks, so
 * these are counted apart: they are not the core's to release.
 */
const isTsxLoaderFile = (path: string) => path.includes('/node_modules/tsx/');

describe('desk core lifecycle', () => {
  // Declared before this block's own afterAll, so the hub closes after the cores' folders are gone.
  const fixture = hubFixture(pglite, { seed: { cases: 60, seed: 23 } });
  const root = mkdtempSync(join(tmpdir(), 'desk-lifecycle-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** What one process holds: by libuv's count, the kernel's, and the listeners within reach. */
  async function measure() {
    const hub = fixture.hub;
    // Let closes in flight land, then end the hub's idle keep-alive connections, which fetch's pool
    // would otherwise keep for the hub's keep-alive timeout (72 s) whether a core leaked or not.
    await pause(300);
    hub.app.server.closeIdleConnections();
    await pause(300);
    // Read before the collection: it would close a SQLite connection left open (better-sqlite3 closes one
    // it finalises), and hide that leak.
    const files = openFiles();
    gc();
    await pause(100);
    const resources: Record<string, number> = {};
    for (const type of process.getActiveResourcesInfo()) resources[type] = (resources[type] ?? 0) + 1;
    return {
      resources,
      // Linux: every SQLite file, socket and pipe is a descriptor; every worker thread an OS thread.
      fileDescriptors: files.filter((path) => !isTsxLoaderFile(path)).length,
      tsxLoaderFileDescriptors: files.filter(isTsxLoaderFile).length,
      threads: entries('/proc/self/task'),
      processListeners: listenerTotal(process),
      hubServerListeners: listenerTotal(hub.app.server),
      hubConnections: await new Promise<number>((resolve, reject) =>
        hub.app.server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
      ),
    };
  }

  it(`starts and stops a core ${CYCLES} times without growing handles, threads or listeners`, async () => {
    const hub = fixture.hub;
    await hub.warming;
    const secrets = memorySecrets();
    let lastStatus: SyncStatus | null = null;

    /** How far a core gets before it is stopped. */
    type Until = 'live' | 'bootstrapping' | 'signedIn';
    const reached: Record<Until, (core: DeskCore) => boolean> = {
      live: (core) => core.sync.current.phase === 'live',
      // Stopped while its snapshot threads fetch and it writes pages (or just after, on a fast machine).
      bootstrapping: (core) => core.sync.current.phase !== 'starting',
      // Stopped wherever it has got to once signed in: starting, as often as not.
      signedIn: (core) => core.session.state.signedIn,
    };
    const stoppedAt: Record<string, number> = {};
    let listenersLeft = 0;
    const cycle = async (n: number, until: Until) => {
      const dataDir = join(root, `core-${n}`);
      const core = new DeskCore({ dataDir, hubUrl: hub.url, demoAccount: DEMO_ACCOUNT, secrets });
      core.events.on('sync.status', (status) => (lastStatus = status));
      core.start();
      // Signed in before it stops, in every case: the refresh token it renewed is stored before the
      // next core uses it (a spent one ends the session).
      await waitFor(() => reached[until](core) && core.session.state.signedIn, `core ${n} ${until}`);
      stoppedAt[core.sync.current.phase] = (stoppedAt[core.sync.current.phase] ?? 0) + 1;
      await core.stop();
      // The last status goes out after the engine stopped, not held back by the throttle.
      expect(lastStatus?.phase).toBe('stopped');
      // Whatever the core listened to on its own parts, it stopped listening to.
      const left = listenerTotal(core.sync) + listenerTotal(core.session) + listenerTotal(core.presence);
      listenersLeft = Math.max(listenersLeft, left);
      rmSync(dataDir, { recursive: true, force: true });
    };

    // One cycle first: what the first core loads once for the process (modules, the native SQLite addon,
    // fetch's pool, libuv's thread pool, the hub's snapshot pages) is not a leak of the cycles after it.
    await cycle(0, 'live');
    const before = await measure();
    const started = Date.now();
    // Live on the first two and every tenth (each takes a second or two: the file then takes about a minute on a busy machine);
    // the others are stopped part-way.
    for (let n = 1; n <= CYCLES; n++)
      await cycle(n, n <= 2 || n % 10 === 0 ? 'live' : n % 2 ? 'bootstrapping' : 'signedIn');
    const cyclesMs = Date.now() - started;
    const after = await measure();

    console.info(`${CYCLES} cycles in ${cyclesMs} ms`, JSON.stringify({ stoppedAt, listenersLeft, before, after }));
    for (const type of new Set([...Object.keys(before.resources), ...Object.keys(after.resources)])) {
      expect(after.resources[type] ?? 0, `active ${type} resources`).toBeLessThanOrEqual(
        (before.resources[type] ?? 0) + TOLERANCE,
      );
    }
    expect(after.fileDescriptors, 'open file descriptors').toBeLessThanOrEqual(before.fileDescriptors + TOLERANCE);
    expect(after.threads, 'threads').toBeLessThanOrEqual(before.threads + TOLERANCE);
    expect(after.hubConnections, "the hub's open connections").toBeLessThanOrEqual(before.hubConnections + TOLERANCE);
    expect(listenersLeft, "listeners left on a stopped core's sync engine, session and presence").toBe(0);
    expect(after.processListeners, 'listeners on process').toBe(before.processListeners);
    expect(after.hubServerListeners, "listeners on the hub's HTTP server").toBe(before.hubServerListeners);
  }, 180_000);
});
