import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withDefaults } from '../../../../src/core/slo/config.js';
import { openOutbox } from '../../../../src/router/alerting/outbox.js';
import { DISABLED_WHILE_FIRING, lookbackMs, startAlerting, type Alerting, type StartAlertingOptions } from '../../../../src/router/alerting/start-alerting.js';
import type { Notifier, Page } from '../../../../src/router/alerting/types.js';
import { captureLog, manualTimers, MINUTE, T, traffic } from './fixtures.js';

/** Half the requests fail from T to T+20m; before and after, all succeed. */
const incident = traffic(T - 60 * MINUTE, (m) => m >= T && m < T + 20 * MINUTE);
const config = withDefaults();

const dirs: string[] = [];
const running: Alerting[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((a) => a.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function recorder(name = 'pd'): Notifier & { got: Page[] } {
  const got: Page[] = [];
  return { name, got, send: async (p) => void got.push(p) };
}

function start(overrides: Partial<StartAlertingOptions> & { path?: string } = {}) {
  const log = captureLog();
  const outbox = overrides.outbox ?? openOutbox({ path: overrides.path ?? ':memory:', log });
  const alerting = startAlerting({ rollups: incident, config, notifiers: [], outbox, log, intervalMs: 0, ...overrides });
  running.push(alerting);
  return { alerting, log, outbox };
}

describe('startAlerting', () => {
  it('records every transition with its figures, and queues only the pages', () => {
    const pd = recorder();
    const { alerting, outbox } = start({ notifiers: [pd] });
    const steps = [T, T + 5 * MINUTE, T + 10 * MINUTE, T + 25 * MINUTE, T + 40 * MINUTE].map((at) => alerting.tick(at).map((t) => `${t.from}->${t.to}`));
    expect(steps).toEqual([['inactive->pending'], ['pending->firing'], [], ['firing->resolved'], ['resolved->inactive']]);
    const history = alerting.history();
    expect(history.map((h) => [h.to, h.paged])).toEqual([
      ['inactive', false],
      ['resolved', true],
      ['firing', true],
      ['pending', false],
    ]);
    expect(history[2]).toMatchObject({ alert: 'success', from: 'pending', to: 'firing', at: T + 5 * MINUTE, value: 0.5, threshold: 0.995, eligible: 500, window: '5m', note: null });
    expect(outbox.list().map((r) => [r.page.state, r.page.at])).toEqual([
      ['resolved', T + 25 * MINUTE],
      ['firing', T + 5 * MINUTE],
    ]);
  });

  it('history() filters by alert and time and honours the limit, newest first', () => {
    const { alerting } = start();
    for (const at of [T, T + 5 * MINUTE, T + 25 * MINUTE]) alerting.tick(at);
    expect(alerting.history({ limit: 1 }).map((h) => h.to)).toEqual(['resolved']);
    expect(alerting.history({ since: T + 5 * MINUTE }).map((h) => h.to)).toEqual(['resolved', 'firing']);
    expect(alerting.history({ alert: 'latency' })).toEqual([]);
  });

  it('currentStates() shows each enabled alert with ISO times', () => {
    const { alerting } = start();
    expect(alerting.currentStates()).toEqual([]);
    alerting.tick(T + 5 * MINUTE);
    alerting.tick(T + 8 * MINUTE);
    const success = alerting.currentStates().find((s) => s.alert === 'success');
    expect(alerting.currentStates().map((s) => s.alert)).toEqual(['latency', 'success', 'cost']);
    expect(success).toMatchObject({ phase: 'pending', active_at: new Date(T + 5 * MINUTE).toISOString(), fired_at: null, value: 0.5, evaluated_at: new Date(T + 8 * MINUTE).toISOString() });
  });

  it('keeps the state across a restart: a still-firing alert does not page again, its resolve does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ballast-alerting-'));
    dirs.push(dir);
    const path = join(dir, 'alerts.db');
    const first = start({ path, notifiers: [recorder()] });
    first.alerting.tick(T);
    first.alerting.tick(T + 5 * MINUTE);
    await first.alerting.close();

    const second = start({ path, notifiers: [recorder()] });
    expect(second.alerting.state().success?.phase).toBe('firing');
    expect(second.alerting.tick(T + 10 * MINUTE)).toEqual([]);
    expect(second.alerting.tick(T + 25 * MINUTE).map((t) => t.to)).toEqual(['resolved']);
    expect(second.outbox.list().map((r) => r.page.state)).toEqual(['resolved', 'firing']);
  });

  it('resolves an alert disabled while firing, saying why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ballast-alerting-'));
    dirs.push(dir);
    const path = join(dir, 'alerts.db');
    const first = start({ path, notifiers: [recorder()] });
    first.alerting.tick(T);
    first.alerting.tick(T + 5 * MINUTE);
    await first.alerting.close();

    const second = start({ path, notifiers: [recorder()], config: withDefaults({ alerts: { success: { enabled: false } } }) });
    expect(second.alerting.tick(T + 6 * MINUTE)).toMatchObject([{ alert: 'success', from: 'firing', to: 'resolved' }]);
    expect(second.alerting.history({ limit: 1 })[0]).toMatchObject({ to: 'resolved', paged: true, note: DISABLED_WHILE_FIRING });
    expect(second.outbox.list({ limit: 1 })[0]?.page).toMatchObject({ state: 'resolved', note: DISABLED_WHILE_FIRING });
    expect(second.alerting.state().success).toBeUndefined();
  });

  it('a failing rollup source is logged and changes nothing; the next tick works', () => {
    let fail = true;
    const rollups = (from: number, to: number) => {
      if (fail) throw new Error('database is locked');
      return incident(from, to);
    };
    const { alerting, log } = start({ rollups });
    expect(alerting.tick(T)).toEqual([]);
    expect(log.events()).toContain('alert_evaluation_failed');
    expect(alerting.state()).toEqual({});
    fail = false;
    expect(alerting.tick(T)).toHaveLength(1);
  });

  it('asks for the rollups of the longest enabled window, up to now', () => {
    const asked: Array<[number, number]> = [];
    const { alerting } = start({ rollups: (from, to) => (asked.push([from, to]), []) });
    alerting.tick(T);
    expect(asked).toEqual([[T - 5 * MINUTE, T + 1]]);
    expect(lookbackMs(withDefaults({ alerts: { burn_rate: { enabled: true } } }))).toBe(6 * 60 * MINUTE);
  });

  it('evaluates every interval on its timer, and stops on close()', async () => {
    const timers = manualTimers();
    let clock = T;
    const seen: number[] = [];
    const { alerting } = start({ intervalMs: 15_000, timers, now: () => clock, rollups: (from, to) => (seen.push(to - 1), incident(from, to)) });
    expect(timers.pending.map((t) => t.ms)).toEqual([15_000]);
    timers.fire();
    clock += 15_000;
    timers.fire();
    expect(seen).toEqual([T, T + 15_000]);
    expect(timers.pending).toHaveLength(1);
    await alerting.close();
    expect(timers.pending).toHaveLength(0);
    expect(alerting.tick(T + 60_000)).toEqual([]);
  });

  it('with no notifier, alerts are still evaluated and recorded, and a warning says nobody is paged', () => {
    const { alerting, log, outbox } = start();
    alerting.tick(T);
    alerting.tick(T + 5 * MINUTE);
    expect(log.events()).toContain('alerting_no_notifiers');
    expect(alerting.history()).toHaveLength(2);
    expect(outbox.counts().pending).toBe(0);
  });
});
