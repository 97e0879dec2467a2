import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';

/** Raw socket.io over loopback: round trips of a 500-byte JSON message, one at a time. */
export async function rawSocketEchoRoundTripMs(samples: number): Promise<{ p50: number; p99: number }> {
  const http = createServer();
  const server = new Server(http);
  server.on('connection', (socket) => socket.on('echo', (payload: unknown, ack: (p: unknown) => void) => ack(payload)));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const client = io(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'] });
  await new Promise<void>((resolve) => client.on('connect', resolve));
  const payload = { text: 'ش'.repeat(240) };
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await client.emitWithAck('echo', payload);
    times.push(performance.now() - started);
  }
  client.close();
  server.close();
  http.close();
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}
