import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEBIAN_CHROMIUM, planChromium } from '../support/ensureChromium.mjs';

// `npm test`'s pretest (tests/support/ensureChromium.mjs): this machine has
// Chromium, so the missing and installing branches are decided on stated facts.
const only =
  (...present: string[]) =>
  (path: string) =>
    present.includes(path);

describe("the pretest's Chromium decision", () => {
  it("uses Debian's Chromium when it is there", () => {
    expect(planChromium({ isExecutable: only(DEBIAN_CHROMIUM), canInstall: true })).toEqual({
      action: 'use',
      path: DEBIAN_CHROMIUM,
    });
  });

  it('uses CHROMIUM_PATH when it names a binary, and treats an empty one as unset', () => {
    const isExecutable = only('/opt/chrome/chrome', DEBIAN_CHROMIUM);
    expect(planChromium({ chromiumPath: '/opt/chrome/chrome', isExecutable, canInstall: false })).toEqual({
      action: 'use',
      path: '/opt/chrome/chrome',
    });
    expect(planChromium({ chromiumPath: '', isExecutable, canInstall: false })).toEqual({
      action: 'use',
      path: DEBIAN_CHROMIUM,
    });
  });

  it("installs Debian's Chromium when it is missing and the user is root with apt-get", () => {
    expect(planChromium({ isExecutable: only(), canInstall: true })).toEqual({
      action: 'install',
      path: DEBIAN_CHROMIUM,
    });
  });

  it('says what to run when Chromium is missing and cannot be installed', () => {
    const plan = planChromium({ isExecutable: only(), canInstall: false });
    expect(plan.action).toBe('fail');
    const message = 'message' in plan ? plan.message : '';
    expect(message).toContain('sudo apt-get install chromium');
    expect(message).toContain('CHROMIUM_PATH=/path/to/chromium npm test');
  });

  it('suggests a Chromium found elsewhere on PATH', () => {
    const plan = planChromium({ isExecutable: only(), canInstall: false, elsewhere: '/snap/bin/chromium' });
    expect('message' in plan && plan.message).toContain('CHROMIUM_PATH=/snap/bin/chromium npm test');
  });

  it('does not install over a CHROMIUM_PATH that names nothing: Playwright would still be given that path', () => {
    const plan = planChromium({ chromiumPath: '/nowhere/chromium', isExecutable: only(), canInstall: true });
    expect(plan.action).toBe('fail');
    expect('message' in plan && plan.message).toContain('CHROMIUM_PATH is /nowhere/chromium');
  });
});

describe('the pretest script', () => {
  it('exits non-zero with the message when CHROMIUM_PATH names nothing', () => {
    const script = fileURLToPath(new URL('../support/ensureChromium.mjs', import.meta.url));
    const result = spawnSync(process.execPath, [script], {
      env: { ...process.env, CHROMIUM_PATH: '/nowhere/chromium' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('CHROMIUM_PATH is /nowhere/chromium, which is not an executable file.');
    expect(result.stdout).toBe('');
  });
});
