import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { DeskCore } from '../../desk/deskCore';
import { startBrowserBridge, type BrowserBridge } from '../../launcher/browserBridgeServer';
import { BRIDGE_PATH } from '../../shared/contract/webSocketBridgeProtocol';

let dir: string;
let core: DeskCore;
let bridge: BrowserBridge;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bridge-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
  // Not started: no hub is needed to test the bridge itself.
  core = new DeskCore({ dataDir: join(dir, 'data'), hubUrl: 'http://127.0.0.1:9' });
  bridge = await startBrowserBridge(core, { rendererDir: dir, token: 'right-token-abcdef' });
});
afterAll(async () => {
  await bridge.close();
  await core.stop();
  rmSync(dir, { recursive: true, force: true });
});

const connect = (token: string, origin = `http://127.0.0.1:${bridge.port}`) =>
  new WebSocket(`ws://127.0.0.1:${bridge.port}${BRIDGE_PATH}?token=${token}`, { origin });
const opened = (ws: WebSocket) =>
  new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
const nextFrame = (ws: WebSocket) =>
  new Promise<Record<string, unknown>>((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)))));

describe('the browser bridge', () => {
  it('serves the renderer with a Content-Security-Policy', async () => {
    const response = await fetch(`http://127.0.0.1:${bridge.port}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('refuses a wrong token', async () => {
    await expect(opened(connect('wrong-token-abcdef'))).rejects.toThrow(/403/);
  });

  it('refuses another origin even with the token (a web page in the same browser)', async () => {
    await expect(opened(connect('right-token-abcdef', 'https://evil.example'))).rejects.toThrow(/403/);
  });

  it('answers a contract call, and a bad input with a clear error', async () => {
    const ws = connect('right-token-abcdef');
    await opened(ws);
    ws.send(JSON.stringify({ type: 'call', id: 1, method: 'settings.get', input: {} }));
    expect(await nextFrame(ws)).toEqual({ type: 'result', id: 1, ok: true, value: { language: 'ar' } });
    ws.send(JSON.stringify({ type: 'call', id: 2, method: 'settings.setLanguage', input: { language: 'fr' } }));
    const refused = await nextFrame(ws);
    expect(refused).toMatchObject({ type: 'result', id: 2, ok: false, error: { code: 'badInput' } });
    ws.close();
  });

  it('closes on a frame that is not a bridge request', async () => {
    const ws = connect('right-token-abcdef');
    await opened(ws);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('{"type":"shell","command":"rm -rf /"}');
    expect(await closed).toBe(1003);
  });

  it('pushes core events to connected pages', async () => {
    const ws = connect('right-token-abcdef');
    await opened(ws);
    const frame = nextFrame(ws);
    core.events.emit('queue.changed', { lastAppliedSeq: 77 });
    expect(await frame).toEqual({ type: 'event', event: 'queue.changed', payload: { lastAppliedSeq: 77 } });
    ws.close();
  });
});
