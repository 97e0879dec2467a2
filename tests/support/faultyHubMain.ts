import { startHub } from '../../server/hubServer';
import { hubConfigFromEnv } from '../../server/hubConfig';

// A hub process for fault tests: `server/main.ts` plus one injected crash.
// HUB_TEST_EXIT_AFTER_COMMIT=<command> kills this process (SIGKILL: no shutdown,
// like a power cut) right after the first such command's transaction commits and
// before its reply leaves. Read here only, never by the hub's own entry point.
const crashAfter = process.env.HUB_TEST_EXIT_AFTER_COMMIT;
if (!crashAfter) throw new Error('faultyHubMain needs HUB_TEST_EXIT_AFTER_COMMIT=<command name>');

await startHub({
  ...hubConfigFromEnv(process.env),
  commandFaults: {
    afterCommit: (command) => {
      if (command !== crashAfter) return;
      process.stderr.write(JSON.stringify({ level: 'info', msg: 'injected crash after commit', command }) + '\n');
      process.kill(process.pid, 'SIGKILL');
    },
  },
});
