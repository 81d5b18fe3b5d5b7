import { afterEach, describe, expect, it } from 'vitest';
import { NotifierError } from '../../../../src/router/alerting/notifier-error.js';
import { openOutbox, type Outbox } from '../../../../src/router/alerting/outbox.js';
import type { Notifier, Page } from '../../../../src/router/alerting/types.js';
import { captureLog, manualTimers, page, T } from './fixtures.js';

/** A notifier that answers from a script: ok, or a NotifierError per call. */
function scripted(name: string, answers: Array<'ok' | NotifierError> = []): Notifier & { got: Page[] } {
  const got: Page[] = [];
  return {
    name,
    got,
    async send(p) {
      got.push(p);
      const a = answers.shift() ?? 'ok';
      if (a !== 'ok') throw a;
    },
  };
}

const down = (n: string) => new NotifierError({ notifier: n, code: 'connection', message: `${n}: connection failed (ECONNREFUSED)` });
const refused = (n: string) => new NotifierError({ notifier: n, code: 'rejected', status: 400, message: `${n}: HTTP 400: invalid_payload` });

let outbox: Outbox | null = null;
afterEach(async () => {
  await outbox?.close();
  outbox = null;
});

function open(now: { t: number }) {
  const timers = manualTimers();
  const log = captureLog();
  outbox = openOutbox({ path: ':memory:', now: () => now.t, timers, random: () => 0, log });
  return { outbox, timers, log };
}

describe('Outbox', () => {
  it('pending -> delivered: a page is written before it is sent, then marked delivered with its attempt', async () => {
    const clock = { t: T };
    const { outbox } = open(clock);
    const n = scripted('slack');
    outbox.enqueue(page(), ['slack']);
    expect(outbox.list()).toMatchObject([{ notifier: 'slack', status: 'pending', attempts: 0, nextAttemptAt: T }]);
    outbox.start([n]);
    await outbox.deliverDue();
    expect(n.got.map((p) => p.id)).toEqual([page().id]);
    expect(outbox.list()).toMatchObject([{ status: 'delivered', attempts: 1, doneAt: T, lastError: null }]);
    expect(outbox.counts()).toEqual({ pending: 0, delivered: 1, failed: 0 });
  });

  it('pending -> pending (retry): a retryable failure waits out the backoff, then delivers', async () => {
    const clock = { t: T };
    const { outbox, timers, log } = open(clock);
    const n = scripted('pd', [down('pd'), down('pd')]);
    outbox.start([n]);
    outbox.enqueue(page(), ['pd']);
    await outbox.deliverDue();
    expect(outbox.list()[0]).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: T + 1_000, lastError: 'pd: connection failed (ECONNREFUSED)' });
    expect(timers.pending.map((t) => t.ms)).toEqual([1_000]);

    await outbox.deliverDue(); // not due yet: no send
    expect(n.got).toHaveLength(1);

    clock.t = T + 1_000;
    await outbox.deliverDue();
    expect(outbox.list()[0]).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: T + 1_000 + 2_000 });
    expect(timers.pending.map((t) => t.ms)).toEqual([2_000]);

    clock.t = T + 3_000;
    await outbox.deliverDue();
    expect(outbox.list()[0]).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(n.got).toHaveLength(3);
    expect(log.events().filter((e) => e === 'alert_page_retry')).toHaveLength(2);
    expect(timers.pending).toHaveLength(0);
  });

  it('pending -> failed: a non-retryable failure is recorded with its reason and never retried', async () => {
    const clock = { t: T };
    const { outbox, timers, log } = open(clock);
    const n = scripted('hook', [refused('hook')]);
    outbox.start([n]);
    outbox.enqueue(page(), ['hook']);
    await outbox.deliverDue();
    expect(outbox.list()[0]).toMatchObject({ status: 'failed', attempts: 1, doneAt: T, lastError: 'hook: HTTP 400: invalid_payload' });
    clock.t += 3_600_000;
    await outbox.deliverDue();
    expect(n.got).toHaveLength(1);
    expect(timers.pending).toHaveLength(0);
    expect(log.events()).toContain('alert_page_failed');
  });

  it('keeps order per notifier: a waiting page holds back the pages behind it, a failed one does not', async () => {
    const clock = { t: T };
    const { outbox } = open(clock);
    const slow = scripted('pd', [down('pd')]);
    const fine = scripted('slack', [refused('slack')]);
    outbox.start([slow, fine]);
    const pages = [page({ at: T }), page({ at: T + 1, state: 'resolved' }), page({ at: T + 2 })];
    outbox.db.transaction(() => pages.forEach((p) => outbox.enqueue(p, ['pd', 'slack'])))();
    await outbox.deliverDue();
    expect(slow.got.map((p) => p.at)).toEqual([T]);
    expect(fine.got.map((p) => p.at)).toEqual([T, T + 1, T + 2]);
    clock.t = T + 1_000;
    await outbox.deliverDue();
    expect(slow.got.map((p) => p.at)).toEqual([T, T, T + 1, T + 2]);
    expect(outbox.counts()).toEqual({ pending: 0, delivered: 5, failed: 1 });
  });

  it('one notifier down does not delay another', async () => {
    const clock = { t: T };
    const { outbox } = open(clock);
    let release: () => void = () => {};
    const stuck: Notifier = { name: 'stuck', send: () => new Promise<void>((r) => (release = r)) };
    const fine = scripted('fine');
    outbox.start([stuck, fine]);
    outbox.enqueue(page(), ['stuck', 'fine']);
    const pass = outbox.deliverDue();
    await expect.poll(() => fine.got.length, { timeout: 2_000 }).toBe(1);
    expect(outbox.counts()).toEqual({ pending: 1, delivered: 1, failed: 0 });
    release();
    await pass;
    expect(outbox.counts().delivered).toBe(2);
  });

  it('queues a page once per notifier, however often it is enqueued', () => {
    const { outbox } = open({ t: T });
    expect(outbox.enqueue(page(), ['a', 'b'])).toBe(2);
    expect(outbox.enqueue(page(), ['a', 'b'])).toBe(0);
    expect(outbox.counts().pending).toBe(2);
  });

  it('does not deliver before start(); inside a transaction waits for an explicit kick', async () => {
    const clock = { t: T };
    const { outbox, timers } = open(clock);
    outbox.enqueue(page(), ['a']);
    await outbox.deliverDue();
    expect(outbox.counts().pending).toBe(1);
    const a = scripted('a');
    outbox.start([a]);
    await outbox.deliverDue();
    outbox.db.transaction(() => outbox.enqueue(page({ at: T + 5 }), ['a']))();
    expect(a.got).toHaveLength(1);
    expect(timers.pending).toHaveLength(0);
    outbox.kick();
    await expect.poll(() => a.got.length, { timeout: 2_000 }).toBe(2);
  });

  it('a row for a notifier no longer configured is marked failed, saying so', async () => {
    const { outbox } = open({ t: T });
    outbox.enqueue(page(), ['gone']);
    outbox.start([scripted('other')]);
    await outbox.deliverDue();
    expect(outbox.list()[0]).toMatchObject({ status: 'failed', attempts: 0, lastError: expect.stringContaining('notifier "gone" is not configured any more') });
  });

  it('a 429 waits at least its Retry-After', async () => {
    const clock = { t: T };
    const { outbox, timers } = open(clock);
    const limited = new NotifierError({ notifier: 'pd', code: 'rate_limited', status: 429, retryAfterMs: 60_000, message: 'pd: HTTP 429' });
    outbox.start([scripted('pd', [limited])]);
    outbox.enqueue(page(), ['pd']);
    await outbox.deliverDue();
    expect(outbox.list()[0]?.nextAttemptAt).toBe(T + 60_000);
    expect(timers.pending.map((t) => t.ms)).toEqual([60_000]);
  });

  it('an unexpected error from a notifier is retried, not lost', async () => {
    const clock = { t: T };
    const { outbox } = open(clock);
    outbox.start([{ name: 'buggy', send: () => Promise.reject(new Error('boom')) }]);
    outbox.enqueue(page(), ['buggy']);
    await outbox.deliverDue();
    expect(outbox.list()[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: 'buggy: boom' });
  });

  it('prune() deletes finished rows older than the cut, never pending ones', async () => {
    const clock = { t: T };
    const { outbox } = open(clock);
    outbox.start([scripted('a'), scripted('b', [down('b')])]);
    outbox.enqueue(page(), ['a', 'b']);
    await outbox.deliverDue();
    expect(outbox.prune(T + 1)).toBe(1);
    expect(outbox.list().map((r) => r.status)).toEqual(['pending']);
  });

  it('close() is idempotent; nothing is delivered after it', async () => {
    const { outbox } = open({ t: T });
    const a = scripted('a');
    outbox.start([a]);
    await outbox.close();
    await outbox.close();
    await outbox.deliverDue();
    expect(a.got).toHaveLength(0);
    expect(() => outbox.start([a])).toThrow(/closed/);
  });
});
