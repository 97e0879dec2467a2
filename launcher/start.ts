import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findElectronBinary } from './electronBinary';
import { startBrowserConsole } from './browserConsole';
import { launchConfigFromEnv } from './launchConfig';

// `npm start`: the Electron window where the binary exists; otherwise the same
// renderer in a browser on loopback, saying why.
const root = resolve(import.meta.dirname, '..');
const config = launchConfigFromEnv(process.env, root);
const say = (line: string) => process.stdout.write(line + '\n');

const binary = config.forceBrowser ? { missing: 'DESK_MODE=browser was set' } : findElectronBinary();
if ('path' in binary) {
  run('npm', ['run', '-s', 'build']);
  say('Opening the console in Electron…');
  const child = spawn(binary.path, [root], { stdio: 'inherit', env: process.env });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  say(`Electron is not available here (${binary.missing}); opening the console in your browser instead.`);
  const rendererDir = join(root, 'dist/renderer');
  if (isStale(rendererDir, join(root, 'renderer'))) run('npm', ['run', '-s', 'build:renderer']);
  const desk = await startBrowserConsole({
    dataDir: config.dataDir,
    hubUrl: config.hubUrl,
    rendererDir,
    port: config.port,
    log: say,
  });
  const bridge = desk.bridge;
  if (desk.embeddedHub) say(`Embedded hub: ${desk.hubUrl} (API document at ${desk.hubUrl}/api/openapi.json)`);
  say(`\nOperation Room Console — open this address in Chromium, Chrome, Edge or Firefox:\n\n  ${bridge.url}\n`);
  say('Press Ctrl+C to stop.');
  if (config.openBrowser)
    spawn('xdg-open', [bridge.url], { stdio: 'ignore', detached: true }).on('error', () => undefined);
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await desk.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The built renderer is older than any source file of it (or absent). */
function isStale(builtDir: string, sourceDir: string): boolean {
  const index = join(builtDir, 'index.html');
  if (!existsSync(index)) return true;
  const builtAt = statSync(index).mtimeMs;
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
        const path = join(dir, entry.name);
        return entry.isDirectory() ? newest(path) : statSync(path).mtimeMs;
      }),
    );
  return newest(sourceDir) > builtAt || newest(join(root, 'shared')) > builtAt;
}
