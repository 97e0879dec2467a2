import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ChildLine } from '../../launcher/childProcess';
import { CoreSupervisor } from '../../launcher/coreSupervisor';
import { hubTargets } from '../support/hubDatabaseTargets';
import { hubFixture } from '../support/hubFixture';
import { DEMO_ACCOUNT } from '../support/staffSession';
import { waitFor } from '../support/waitFor';

// Electron runs the core from the bundle build/buildShell.mjs makes (dist/electron/coreProcess.js, its
// worker threads beside it). Its binary cannot run here, but the bundle is plain Node: started as a
// child process, it must bootstrap, build search, and pass the integrity check.
const root = resolve(import.meta.dirname, '../..');
const [pglite] = await hubTargets();
describe('the bundled desk core', () => {
  const fixture = hubFixture(pglite!, { seed: { cases: 80, seed: 13 } });
  const dir = mkdtempSync(join(tmpdir(), 'bundled-core-'));
  let supervisor: CoreSupervisor | null = null;
  afterAll(async () => {
    await supervisor?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps the shell's main bundle free of the core's and the hub's code", () => {
    execFileSync(process.execPath, ['build/buildShell.mjs'], { cwd: root, stdio: 'ignore' });
    const main = readFileSync(join(root, 'dist/electron/main.js'), 'utf8');
    const core = readFileSync(join(root, 'dist/electron/coreProcess.js'), 'utf8');
    const hub = readFileSync(join(root, 'dist/electron/demoHubProcess.js'), 'utf8');
    for (const name of ['ReplicaStore', 'better-sqlite3']) {
      expect(core).toContain(name);
      expect(main).not.toContain(name);
    }
    for (const name of ['startHub', '@electric-sql/pglite']) {
      expect(hub).toContain(name);
      expect(main).not.toContain(name);
    }
  });

  it('starts from dist/electron, follows the hub and checks its replica against it', async () => {
    const forkBundle = (): ChildLine => {
      const child = fork(join(root, 'dist/electron/coreProcess.js'), [], {
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        execArgv: [],
      });
      return {
        get pid() {
          return child.pid;
        },
        post: (message) => child.connected && child.send(message as never),
        onMessage: (listener) => child.on('message', listener),
        onExit: (listener) => child.on('exit', (code) => listener(code)),
        kill: () => void child.kill('SIGKILL'),
      };
    };
    supervisor = new CoreSupervisor({
      fork: forkBundle,
      start: { dataDir: dir, hubUrl: fixture.hub.url, demoAccount: DEMO_ACCOUNT },
    });
    await supervisor.start();
    const status = async () => {
      const reply = await supervisor!.dispatch('sync.status', {});
      return reply.ok ? (reply.value as { phase: string; casesHeld: number; searchIndex: unknown }) : null;
    };
    await waitFor(
      async () => {
        const s = await status();
        return s?.phase === 'live' && s.searchIndex === null;
      },
      'the bundled core to be live with search built',
      60_000,
    );
    expect((await status())!.casesHeld).toBe(80);
    const verified = await supervisor.dispatch('sync.verify', {});
    expect(verified.ok && (verified.value as { tables: { matches: boolean }[] }).tables.every((t) => t.matches)).toBe(
      true,
    );
  });
});
