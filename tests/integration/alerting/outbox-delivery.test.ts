import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openOutbox, type Outbox } from '../../../src/router/alerting/outbox.js';
import { literal } from '../../../src/router/alerting/secret-source.js';
import { createWebhookNotifier } from '../../../src/router/alerting/webhook-notifier.js';
import { captureLog, page, T } from '../../unit/router/alerting/fixtures.js';
import { downReceiver, startReceiver, tempDir, type Receiver } from './receiver.js';

const FAST = { initialMs: 20, maxMs: 200 };
const WAIT = { timeout: 10_000, interval: 20 };

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function hookTo(receiver: Receiver) {
  return createWebhookNotifier({ name: 'hook', url: literal(receiver.url('/hook')), timeoutMs: 2_000 });
}

function open(path: string, receiver: Receiver): Outbox {
  const outbox = openOutbox({ path, backoff: FAST, log: captureLog() });
  cleanup.push(() => outbox.close());
  outbox.start([hookTo(receiver)]);
  return outbox;
}

const ids = (r: Receiver) => r.received.map((x) => x.body.id);

describe('the outbox over HTTP', () => {
  it('a receiver that is down loses no page: they wait, then arrive in order once it listens', async () => {
    const receiver = await downReceiver();
    cleanup.push(() => receiver.stop());
    const outbox = open(':memory:', receiver);
    const pages = [page({ at: T }), page({ at: T + 300_000, state: 'resolved' }), page({ at: T + 600_000 })];
    for (const p of pages) outbox.enqueue(p, ['hook']);

    await vi.waitFor(() => expect(outbox.list({ limit: 3 }).at(-1)?.attempts).toBeGreaterThanOrEqual(3), WAIT);
    expect(outbox.counts()).toEqual({ pending: 3, delivered: 0, failed: 0 });
    // Only the head is tried while the receiver is down: the pages behind it keep their place.
    expect(outbox.list().filter((r) => r.attempts > 0)).toHaveLength(1);
    expect(outbox.list().at(-1)?.lastError).toBe('hook: connection failed (ECONNREFUSED)');

    await receiver.listen();
    await vi.waitFor(() => expect(outbox.counts()).toEqual({ pending: 0, delivered: 3, failed: 0 }), WAIT);
    expect(ids(receiver)).toEqual(pages.map((p) => p.id));
  });

  it('a 400 marks the page failed with the reason, without retrying it', async () => {
    const receiver = await startReceiver(() => ({ status: 400, body: 'invalid_payload' }));
    cleanup.push(() => receiver.stop());
    const outbox = open(':memory:', receiver);
    outbox.enqueue(page({ at: T }), ['hook']);
    await vi.waitFor(() => expect(outbox.counts().failed).toBe(1), WAIT);
    // A second page goes through the same lane: had the first been retried, it would show here.
    outbox.enqueue(page({ at: T + 1 }), ['hook']);
    await vi.waitFor(() => expect(outbox.counts().failed).toBe(2), WAIT);
    await outbox.deliverDue();
    expect(ids(receiver)).toEqual([page({ at: T }).id, page({ at: T + 1 }).id]);
    expect(outbox.list({ limit: 2 }).map((r) => [r.status, r.attempts, r.lastError])).toEqual([
      ['failed', 1, 'hook: HTTP 400: invalid_payload'],
      ['failed', 1, 'hook: HTTP 400: invalid_payload'],
    ]);
  });

  it('a 503 is retried until the receiver accepts', async () => {
    let failures = 2;
    const receiver = await startReceiver(() => (failures-- > 0 ? { status: 503, body: 'busy' } : { status: 200, body: 'ok' }));
    cleanup.push(() => receiver.stop());
    const outbox = open(':memory:', receiver);
    outbox.enqueue(page(), ['hook']);
    await vi.waitFor(() => expect(outbox.counts().delivered).toBe(1), WAIT);
    expect(outbox.list()[0]).toMatchObject({ status: 'delivered', attempts: 3, lastError: 'hook: HTTP 503: busy' });
    expect(receiver.received).toHaveLength(3);
  });

  it('a restart delivers what was pending at close', async () => {
    const tmp = tempDir();
    cleanup.push(() => tmp.remove());
    const path = join(tmp.dir, 'alerts.db');
    const receiver = await downReceiver();
    cleanup.push(() => receiver.stop());

    const before = open(path, receiver);
    before.enqueue(page({ at: T }), ['hook']);
    before.enqueue(page({ at: T + 1, state: 'resolved' }), ['hook']);
    await vi.waitFor(() => expect(before.list({ limit: 2 }).at(-1)?.attempts).toBeGreaterThanOrEqual(1), WAIT);
    await before.close();

    await receiver.listen();
    const after = open(path, receiver);
    await vi.waitFor(() => expect(after.counts()).toEqual({ pending: 0, delivered: 2, failed: 0 }), WAIT);
    expect(ids(receiver)).toEqual([page({ at: T }).id, page({ at: T + 1, state: 'resolved' }).id]);
  });
});
