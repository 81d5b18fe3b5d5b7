import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleRequestsApi } from '../../../src/router/api/requests.js';
import { openLedger, type Ledger } from '../../../src/router/ledger/ledger.js';
import type { LedgerRow } from '../../../src/router/ledger/row.js';
import { finishedContext } from '../../unit/router/ledger/context-fixture.js';
import { tempDir } from './helpers.js';

let ledger: Ledger;
let server: Server;
let url: string;
const tmp = tempDir();

beforeAll(async () => {
  ledger = openLedger({ path: join(tmp.dir, 'ledger.db') });
  for (let i = 0; i < 120; i++) {
    ledger.record(
      finishedContext({
        id: `req_${i}`,
        startedAt: 1_700_000_000_000 + i * 1000,
        tags: { tenant: i % 4 === 0 ? 'globex' : 'acme', feature: 'chat', promptVersion: null, pin: null },
        outcome: i % 10 === 0 ? 'provider_error' : 'success',
      }),
    );
  }
  ledger.flush();
  server = createServer((req, res) => handleRequestsApi(req, res, ledger));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  ledger.close();
  tmp.remove();
});

async function get(query: string) {
  const res = await fetch(`${url}/api/requests${query}`);
  return { res, body: (await res.json()) as { data: LedgerRow[]; next_cursor: string | null; error?: { message: string; type: string; code: string; param: string } } };
}

describe('GET /api/requests', () => {
  it('answers the newest 50 by default, with a cursor to the next page', async () => {
    const { res, body } = await get('');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(body.data).toHaveLength(50);
    expect(body.data[0]).toMatchObject({ request_id: 'req_119', tenant: 'acme', outcome: 'success', eligible: true, attempts: 1, failover: false });
    expect(body.data[0]?.attempts_detail).toEqual([{ provider: 'primary', outcome: 'ok', status: 200, duration_ms: 812 }]);
    expect(typeof body.next_cursor).toBe('string');
  });

  it('pages through a filter to the end', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const { res, body } = await get(`?tenant=globex&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...body.data.map((r) => r.request_id));
      cursor = body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 30 }, (_, k) => `req_${116 - 4 * k}`));
  });

  it('filters by outcome', async () => {
    const { body } = await get('?outcome=provider_error&limit=500');
    expect(body.data.map((r) => r.request_id)).toEqual(Array.from({ length: 12 }, (_, k) => `req_${110 - 10 * k}`));
    expect(body.next_cursor).toBeNull();
  });

  it('bad parameters get a 400 in the OpenAI envelope', async () => {
    for (const [query, param] of [
      ['?limit=1000', 'limit'],
      ['?cursor=garbage', 'cursor'],
      ['?outcome=failed', 'outcome'],
      ['?since=yesterday', 'since'],
    ] as const) {
      const { res, body } = await get(query);
      expect(res.status).toBe(400);
      expect(body.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_parameter', param });
      expect(body.error?.message.length).toBeGreaterThan(10);
    }
  });
});
