import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../../src/router/ledger/ledger.js';
import { decodeCursor, encodeCursor, InvalidCursorError } from '../../../../src/router/ledger/queries.js';
import { finishedContext } from './context-fixture.js';

let ledger: Ledger;
beforeEach(() => {
  ledger = openLedger({ path: ':memory:' });
  for (let i = 0; i < 23; i++) {
    ledger.record(
      finishedContext({
        id: `req_${i}`,
        startedAt: 1_700_000_000_000 + i,
        tags: { tenant: i % 2 ? 'acme' : 'globex', feature: i % 3 ? 'chat' : 'search', promptVersion: null, pin: null },
        provider: i % 5 ? 'primary' : 'secondary',
        outcome: i % 7 ? 'success' : 'provider_error',
      }),
    );
  }
  ledger.flush();
});
afterEach(() => ledger.close());

function all(filter: Parameters<Ledger['listRequests']>[0] = {}, limit = 5): string[] {
  const seen: string[] = [];
  let before: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = ledger.listRequests({ ...filter, limit, ...(before ? { before } : {}) });
    expect(page.data.length).toBeLessThanOrEqual(limit);
    seen.push(...page.data.map((r) => r.request_id));
    if (page.next_cursor === null) return seen;
    before = page.next_cursor;
  }
  throw new Error('paging did not end');
}

describe('listRequests', () => {
  it('pages newest first with a cursor, every row exactly once, the last page has no cursor', () => {
    const first = ledger.listRequests({ limit: 5 });
    expect(first.data.map((r) => r.request_id)).toEqual(['req_22', 'req_21', 'req_20', 'req_19', 'req_18']);
    expect(first.next_cursor).not.toBeNull();
    expect(all()).toEqual(Array.from({ length: 23 }, (_, i) => `req_${22 - i}`));
    expect(ledger.listRequests({ limit: 23 }).next_cursor).toBeNull();
    expect(ledger.listRequests({ limit: 22 }).next_cursor).not.toBeNull();
  });

  it('defaults to 50 and refuses limits outside 1..500', () => {
    for (let i = 0; i < 40; i++) ledger.record(finishedContext());
    ledger.flush();
    expect(ledger.listRequests().data).toHaveLength(50);
    expect(() => ledger.listRequests({ limit: 0 })).toThrow(RangeError);
    expect(() => ledger.listRequests({ limit: 501 })).toThrow(RangeError);
    expect(() => ledger.listRequests({ limit: 1.5 })).toThrow(RangeError);
    expect(ledger.listRequests({ limit: 500 }).data).toHaveLength(63);
  });

  it('filters by tenant, feature, provider and outcome, combined, across pages', () => {
    const expected = (pred: (i: number) => boolean) => Array.from({ length: 23 }, (_, k) => 22 - k).filter(pred).map((i) => `req_${i}`);
    expect(all({ tenant: 'acme' }, 3)).toEqual(expected((i) => i % 2 === 1));
    expect(all({ feature: 'search' }, 3)).toEqual(expected((i) => i % 3 === 0));
    expect(all({ provider: 'secondary' }, 2)).toEqual(expected((i) => i % 5 === 0));
    expect(all({ outcome: 'provider_error' }, 2)).toEqual(expected((i) => i % 7 === 0));
    expect(all({ tenant: 'globex', feature: 'search', outcome: 'success' }, 2)).toEqual(expected((i) => i % 2 === 0 && i % 3 === 0 && i % 7 !== 0));
    expect(all({ tenant: 'nobody' })).toEqual([]);
  });

  it('rows written while paging do not shift or repeat the pages', () => {
    const p1 = ledger.listRequests({ limit: 10 });
    for (let i = 0; i < 5; i++) ledger.record(finishedContext({ id: `late_${i}` }));
    ledger.flush();
    const p2 = ledger.listRequests({ limit: 10, before: p1.next_cursor! });
    expect(p2.data.map((r) => r.request_id)).toEqual(Array.from({ length: 10 }, (_, i) => `req_${12 - i}`));
  });

  it('a filtered page reads a bounded window: sparse pages still lead to every match exactly once', () => {
    const small = openLedger({ path: ':memory:' }, { scanWindow: 4 });
    for (let i = 0; i < 30; i++) small.record(finishedContext({ id: `req_${i}`, outcome: i % 9 === 0 ? 'client_gone' : 'success' }));
    small.flush();
    const pages: string[][] = [];
    let before: string | undefined;
    do {
      const page = small.listRequests({ outcome: 'client_gone', limit: 2, ...(before ? { before } : {}) });
      pages.push(page.data.map((r) => r.request_id));
      before = page.next_cursor ?? undefined;
    } while (before);
    expect(pages.flat()).toEqual(['req_27', 'req_18', 'req_9', 'req_0']);
    expect(pages.some((p) => p.length === 0)).toBe(true); // a window with no match still pages on
    expect(pages.length).toBeLessThanOrEqual(Math.ceil(30 / 4) + 1);
    expect(small.listRequests({ limit: 10 }).data).toHaveLength(10); // unfiltered pages always fill
    small.close();
  });

  it('an empty ledger answers an empty last page', () => {
    const empty = openLedger({ path: ':memory:' });
    expect(empty.listRequests({ tenant: 'acme' })).toEqual({ data: [], next_cursor: null });
    empty.close();
  });

  it('rejects a cursor it did not give out', () => {
    for (const bad of ['', 'abc', 'czA', encodeCursor(5).slice(0, -1) + '!', Buffer.from('s-1').toString('base64url'), 'x'.repeat(40)]) {
      expect(decodeCursor(bad)).toBeNull();
      expect(() => ledger.listRequests({ before: bad })).toThrow(InvalidCursorError);
    }
    expect(decodeCursor(encodeCursor(12345))).toBe(12345);
  });
});
