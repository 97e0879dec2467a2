import Database from 'better-sqlite3';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import type { CaseRecord } from '../shared/domain/caseRecord';

/** Raw better-sqlite3: insert already-decoded case rows in one transaction, no indexes beyond the key. */
export function rawSqliteInsertRowsPerSecond(path: string, rows: readonly CaseRecord[]): number {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE cases (id TEXT PRIMARY KEY, number TEXT, type TEXT, channel TEXT, entity_id TEXT, focal_point_id TEXT,
    pillar TEXT, importance TEXT, status TEXT, escalation_level TEXT, title TEXT, body TEXT, language TEXT,
    applicant_name TEXT, applicant_phone TEXT, submitted_at TEXT, due_at TEXT, updated_at TEXT, version INTEGER, seq INTEGER)`);
  const insert = db.prepare(`INSERT INTO cases VALUES (${Array(20).fill('?').join(',')})`);
  const started = performance.now();
  db.transaction(() => {
    for (const r of rows) {
      insert.run(
        r.id,
        r.number,
        r.type,
        r.channel,
        r.entityId,
        r.focalPointId,
        r.pillar,
        r.importance,
        r.status,
        r.escalationLevel,
        r.title,
        r.body,
        r.language,
        r.applicantName,
        r.applicantPhone,
        r.submittedAt,
        r.dueAt,
        r.updatedAt,
        r.version,
        r.seq,
      );
    }
  })();
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return rows.length / seconds;
}

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
