import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The layer rules live in eslint.config.js; this proves they refuse what they should.
const eslint = new ESLint();
const refused = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').length > 0;
};

describe('layer rules', () => {
  it.each([
    ['shared/domain/x.ts', "import { readFileSync } from 'node:fs';", true],
    ['shared/domain/x.ts', "import { app } from 'electron';", true],
    ['shared/domain/x.ts', "import { DeskCore } from '../../desk/deskCore';", true],
    ['shared/domain/x.ts', "import { z } from 'zod';", false],
    ['electron/core/x.ts', "import { app } from 'electron';", true],
    ['electron/core/x.ts', "import { startHub } from '../../server/hubServer';", true],
    ['electron/core/x.ts', "import Database from 'better-sqlite3';", false],
    ['electron/shell/x.ts', "import { app } from 'electron';", false],
    ['renderer/src/x.ts', "import { join } from 'node:path';", true],
    ['renderer/src/x.ts', "import { DeskCore } from '../../desk/deskCore';", true],
    ['renderer/src/x.ts', "import { deskContract } from '../../shared/contract/deskContract';", false],
    ['server/x.ts', "import Database from 'better-sqlite3';", true],
  ])('%s: `%s` refused: %s', async (file, code, expected) => {
    expect(await refused(file, code)).toBe(expected);
  });
});
