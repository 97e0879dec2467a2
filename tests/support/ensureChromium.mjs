// `npm test`'s pretest: gets what the tests need from the machine itself.
// - Chromium: the browser tests drive Debian's Chromium (or CHROMIUM_PATH, which
//   tests/e2e/playwright.config.ts honours too); Playwright cannot download a
//   browser of its own here. Root with apt-get installs it; anyone else is told how.
// - PostgreSQL: the hub tests also run on it when it is reachable, so a cluster
//   that is installed but stopped is started (best effort: PGlite covers the rest).
// Plain Node without dependencies: it runs before anything is built.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readdirSync, realpathSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const OTHER_CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/**
 * What to do about Chromium, decided from facts gathered by the caller so that
 * every branch can be tested on a machine that has Chromium.
 * @param {{ chromiumPath?: string, isExecutable: (path: string) => boolean, canInstall: boolean, elsewhere?: string }} facts
 *   chromiumPath: CHROMIUM_PATH (empty counts as unset, as in the Playwright config);
 *   canInstall: root with apt-get; elsewhere: a Chromium found on PATH, for the hint.
 * @returns {{ action: 'use' | 'install', path: string } | { action: 'fail', message: string }}
 */
export function planChromium({ chromiumPath, isExecutable, canInstall, elsewhere }) {
  if (chromiumPath) {
    if (isExecutable(chromiumPath)) return { action: 'use', path: chromiumPath };
    // Installing Debian's would not help: Playwright would still be given this path.
    return {
      action: 'fail',
      message: [
        `CHROMIUM_PATH is ${chromiumPath}, which is not an executable file.`,
        `Point it at a Chromium or Chrome binary, or unset it to use Debian's Chromium at ${DEBIAN_CHROMIUM}`,
        `(install that with: sudo apt-get install chromium).`,
      ].join('\n'),
    };
  }
  if (isExecutable(DEBIAN_CHROMIUM)) return { action: 'use', path: DEBIAN_CHROMIUM };
  if (canInstall) return { action: 'install', path: DEBIAN_CHROMIUM };
  return { action: 'fail', message: missingMessage(elsewhere) };
}

function missingMessage(elsewhere) {
  return [
    `Chromium is missing: the browser tests (tests/e2e) run ${DEBIAN_CHROMIUM}, and Playwright does not download one here.`,
    `Install it:  sudo apt-get install chromium`,
    elsewhere
      ? `or use the one on your PATH:  CHROMIUM_PATH=${elsewhere} npm test`
      : `or point CHROMIUM_PATH at a Chromium or Chrome binary:  CHROMIUM_PATH=/path/to/chromium npm test`,
  ].join('\n');
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function run(command, args) {
  return spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
}

/** @returns {boolean} whether Chromium is there for Playwright */
export function ensureChromium() {
  const plan = planChromium({
    chromiumPath: process.env.CHROMIUM_PATH,
    isExecutable,
    canInstall: process.getuid?.() === 0 && onPath('apt-get') !== undefined,
    elsewhere: OTHER_CHROMIUM_NAMES.map(onPath).find((path) => path !== undefined && path !== DEBIAN_CHROMIUM),
  });
  if (plan.action === 'use') return true;
  if (plan.action === 'fail') {
    console.error(plan.message);
    return false;
  }
  console.log(`Chromium is missing: installing Debian's chromium for the browser tests (apt-get install chromium)…`);
  process.env.DEBIAN_FRONTEND = 'noninteractive';
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'chromium'],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'] });
    if (result.status !== 0) {
      console.error(`apt-get ${args[0]} failed (${result.error?.message ?? `exit ${result.status}`}).`);
      console.error(missingMessage(undefined));
      return false;
    }
  }
  if (isExecutable(DEBIAN_CHROMIUM)) return true;
  console.error(`apt-get installed chromium, but ${DEBIAN_CHROMIUM} is still not there.`);
  console.error(missingMessage(undefined));
  return false;
}

/** Starts an installed but stopped PostgreSQL cluster; never fails the tests over it. */
export function startPostgresIfStopped() {
  if (!onPath('pg_isready') || !onPath('pg_ctlcluster')) return;
  if (run('pg_isready', ['-h', '127.0.0.1', '-q']).status === 0) return;
  let version;
  try {
    version = readdirSync('/etc/postgresql').sort((a, b) => Number.parseFloat(a) - Number.parseFloat(b))[0];
  } catch {
    return;
  }
  if (!version) return;
  console.log(`PostgreSQL ${version} is installed but stopped: starting it for the hub tests…`);
  const result = run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']);
  if (result.status !== 0) {
    const reason = (result.stderr ?? '').trim().split('\n')[0] || result.error?.message || `exit ${result.status}`;
    console.log(`Could not start it (${reason}): the hub tests run on PGlite only.`);
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (invokedDirectly) {
  if (ensureChromium()) startPostgresIfStopped();
  else process.exitCode = 1;
}
