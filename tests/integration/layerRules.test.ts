import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The layer table lives in lint/layers.js, the rule in lint/codeLayering.js; this proves they refuse what they should.
const RULE = 'local/code-layering';
const eslint = new ESLint();
const messages = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
};
const refused = async (filePath: string, code: string) => (await messages(filePath, code)).length > 0;

describe('layer rules', () => {
  it.each([
    ['shared/domain/x.ts', "import { readFileSync } from 'node:fs';", true],
    ['shared/domain/x.ts', "import { readFileSync } from 'fs';", true],
    ['shared/domain/x.ts', "import { app } from 'electron';", true],
    ['shared/domain/x.ts', "import { DeskCore } from '../../desk/deskCore';", true],
    ['shared/domain/x.ts', "import { z } from 'zod';", false],
    ['shared/domain/x.ts', "import { z } from 'zod/v4';", false],
    ['shared/domain/x.ts', "import Fastify from 'fastify';", true],
    ['shared/domain/x.ts', "import { WebSocketServer } from 'ws';", true],
    ['shared/domain/x.ts', "import { PGlite } from '@electric-sql/pglite';", true],
    ['desk/x.ts', "import { app } from 'electron';", true],
    ['desk/x.ts', "import { startHub } from '../server/hubServer';", true],
    ['desk/x.ts', "import Database from 'better-sqlite3';", false],
    ['desk/x.ts', "import { start } from '../launcher/start';", true],
    ['desk/x.ts', "const hub = require('../server/x');", true],
    ['desk/x.ts', 'export async function load(name: string) { return import(name); }', true],
    ['desk/x.ts', "import { useState } from 'react';", true],
    ['desk/sync/x.ts', "import { caseSchema } from '../../shared/domain/case';", false],
    ['electron/x.ts', "import { app } from 'electron';", false],
    ['electron/x.ts', "import { DeskCore } from '../desk/deskCore';", true],
    ['electron/x.ts', "import { startHub } from '../server/hubServer';", true],
    ['electron/x.ts', "import { launchConfigFromEnv } from '../launcher/launchConfig';", false],
    ['electron/x.ts', "import { superviseCore } from '../launcher/coreSupervisor';", false],
    ['electron/x.ts', "import { startBrowserBridge } from '../launcher/browserBridgeServer';", true],
    ['launcher/x.ts', "import { DeskCore } from '../desk/deskCore';", true],
    ['launcher/x.ts', "import { startHub } from '../server/hubServer';", true],
    ['launcher/x.ts', "import { WebSocketServer } from 'ws';", false],
    ['renderer/src/x.ts', "import { join } from 'node:path';", true],
    ['renderer/src/x.ts', "import { DeskCore } from '../../desk/deskCore';", true],
    ['renderer/src/x.ts', "import { deskContract } from '../../shared/contract/deskContract';", false],
    ['renderer/src/x.ts', "export async function f() { return import('../../server/hubServer'); }", true],
    ['renderer/src/x.ts', "import type { RunningHub } from '../../server/hubServer';", true],
    ['renderer/src/x.ts', "type Hub = typeof import('../../server/hubServer');", true],
    ['renderer/src/x.ts', "export { startHub } from '../../server/hubServer';", true],
    ['renderer/src/x.ts', "import Button from '@mui/material/Button';", false],
    ['renderer/src/x.ts', "import { Button } from '@mui/material';", false],
    ['renderer/src/x.ts', "import { io } from 'socket.io-client';", true],
    ['renderer/src/x.ts', "import { defineConfig } from 'vite';", true],
    ['renderer/vite.config.ts', "import { defineConfig } from 'vite';", false],
    ['renderer/vite.config.ts', "import { fileURLToPath } from 'node:url';", false],
    ['server/x.ts', "import Database from 'better-sqlite3';", true],
    ['server/x.ts', "import Fastify from 'fastify';", false],
    ['server/x.ts', "import { DeskCore } from '../desk/deskCore';", true],
    ['server/x.test.ts', "import { describe } from 'vitest';", false],
    ['server/x.ts', "import { describe } from 'vitest';", true],
    ['desk/x.test.ts', "import { waitFor } from '../tests/support/waitFor';", false],
    ['desk/x.ts', "import { waitFor } from '../tests/support/waitFor';", true],
    ['tests/integration/x.test.ts', "import { startHub } from '../../server/hubServer';", false],
    ['tests/integration/x.test.ts', "import { DeskCore } from '../../desk/deskCore';", false],
    ['bench/x.ts', "import { Client } from 'pg';", false],
    ['shared/x.ts', "import leftPad from 'left-pad';", true],
    ['tests/integration/x.test.ts', "import leftPad from 'left-pad';", true],
    ['bench/x.ts', "const leftPad = require('left-pad');", true],
  ])('%s: `%s` refused: %s', async (file, code, expected) => {
    expect(await refused(file, code)).toBe(expected);
  });

  it('says which layer, what was imported, and what the layer may import', async () => {
    const [internal] = await messages('electron/x.ts', "import { DeskCore } from '../desk/deskCore';");
    expect(internal).toContain('electron/');
    expect(internal).toContain('../desk/deskCore');
    expect(internal).toContain('launcher/launchConfig.ts');
    const [pkg] = await messages('desk/x.ts', "import { useState } from 'react';");
    expect(pkg).toMatch(/desk\/ may not use the package react.*may use: .*better-sqlite3/);
    const [unknown] = await messages('renderer/src/x.ts', "import leftPad from 'left-pad';");
    expect(unknown).toBe('Unknown package left-pad: add it to lint/layers.js with the layers that may use it.');
    const [computed] = await messages('desk/x.ts', 'export const load = (name: string) => import(name);');
    expect(computed).toMatch(/desk\/.*computed/);
  });
});
