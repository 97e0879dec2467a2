import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { WebSocketServer, type WebSocket } from 'ws';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { deskEvents } from '../shared/contract/deskContract';
import {
  BRIDGE_MAX_FRAME_BYTES,
  BRIDGE_PATH,
  BridgeRequest,
  type BridgeReply,
} from '../shared/contract/webSocketBridgeProtocol';
import type { DeskEndpoint } from '../shared/contract/coreChannel';

export interface BrowserBridge {
  /** The address to open, token included. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Browser mode: serves the built renderer on loopback and carries the same
 * contract as Electron IPC over a WebSocket. Only a page that knows the
 * per-run token, from this very origin, may call the core.
 */
export async function startBrowserBridge(
  core: DeskEndpoint,
  options: { rendererDir: string; port?: number; token?: string },
): Promise<BrowserBridge> {
  if (!existsSync(options.rendererDir)) {
    throw new Error(`The renderer is not built (${options.rendererDir} is missing): run npm run build:renderer.`);
  }
  const token = options.token ?? randomBytes(24).toString('base64url');
  const app: FastifyInstance = Fastify({ logger: false });
  app.addHook('onSend', async (_request, reply) => {
    reply.header(
      'content-security-policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  });
  await app.register(fastifyStatic, { root: options.rendererDir, index: 'index.html' });

  const wss = new WebSocketServer({ noServer: true, maxPayload: BRIDGE_MAX_FRAME_BYTES });
  const clients = new Set<WebSocket>();
  app.server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const host = request.headers.host ?? '';
    const origin = request.headers.origin ?? '';
    const given = Buffer.from(url.searchParams.get('token') ?? '');
    const expected = Buffer.from(token);
    const tokenOk = given.length === expected.length && timingSafeEqual(given, expected);
    // Another site open in the same browser could reach loopback; the origin check and token stop it.
    if (url.pathname !== BRIDGE_PATH || !tokenOk || origin !== `http://${host}`) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws));
  });

  const send = (ws: WebSocket, reply: BridgeReply) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
  };
  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('message', async (data) => {
      let frame: unknown;
      try {
        frame = JSON.parse(String(data));
      } catch {
        ws.close(1003, 'frames must be JSON');
        return;
      }
      const request = BridgeRequest.safeParse(frame);
      if (!request.success) {
        ws.close(1003, 'not a bridge request');
        return;
      }
      const result = await core.dispatch(request.data.method, request.data.input);
      send(
        ws,
        result.ok
          ? { type: 'result', id: request.data.id, ok: true, value: result.value }
          : { type: 'result', id: request.data.id, ok: false, error: result.error },
      );
    });
  });
  const unsubscribers = (Object.keys(deskEvents) as (keyof typeof deskEvents)[]).map((event) => {
    const listener = (payload: never) => {
      for (const ws of clients) send(ws, { type: 'event', event, payload });
    };
    core.events.on(event, listener);
    return () => core.events.off(event, listener);
  });

  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      for (const off of unsubscribers) off();
      for (const ws of clients) ws.terminate();
      wss.close();
      await app.close();
    },
  };
}
