/**
 * A small HTTP receiver on 127.0.0.1 standing in for Slack, PagerDuty or a webhook: it
 * records every request and answers what the test says. It can stop listening and start
 * again on the same port, to play a receiver that is down and comes back.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown>;
}

export interface Answer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

export interface Receiver {
  readonly port: number;
  url(path?: string): string;
  readonly received: Received[];
  /** How to answer; default 200 "ok". */
  answer: (r: Received) => Answer;
  listening(): boolean;
  listen(): Promise<void>;
  /** Stops listening and cuts open connections: from now on, connection refused. */
  stop(): Promise<void>;
}

/** A receiver listening on a free port. */
export async function startReceiver(answer: Receiver['answer'] = () => ({ status: 200, body: 'ok' })): Promise<Receiver> {
  let server: Server | null = null;
  let port = 0;
  const received: Received[] = [];
  const receiver: Receiver = {
    get port() {
      return port;
    },
    url: (path = '/') => `http://127.0.0.1:${port}${path}`,
    received,
    answer,
    listening: () => server !== null,
    async listen() {
      const s = createServer((req, res) => {
        let raw = '';
        req.setEncoding('utf8');
        req.on('data', (c: string) => (raw += c));
        req.on('end', () => {
          const r: Received = { path: req.url ?? '/', headers: req.headers, raw, body: JSON.parse(raw || '{}') as Record<string, unknown> };
          received.push(r);
          const a = receiver.answer(r);
          res.writeHead(a.status, { 'content-type': 'text/plain', ...a.headers });
          res.end(a.body ?? '');
        });
      });
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, '127.0.0.1', () => resolve());
      });
      port = (s.address() as AddressInfo).port;
      server = s;
    },
    async stop() {
      const s = server;
      server = null;
      if (s === null) return;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      });
    },
  };
  await receiver.listen();
  return receiver;
}

/** A receiver with a port of its own that is not listening: pages to it are refused until listen(). */
export async function downReceiver(answer?: Receiver['answer']): Promise<Receiver> {
  const r = await startReceiver(answer);
  await r.stop();
  return r;
}

export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-alerting-it-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every row of every table in the file, as text: what a secret must never be found in. */
export function dumpDatabase(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
    return tables.map((t) => `${t.name}\n${JSON.stringify(db.prepare(`SELECT * FROM "${t.name}"`).all())}`).join('\n');
  } finally {
    db.close();
  }
}
