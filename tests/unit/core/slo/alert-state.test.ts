import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlertCondition } from '../../../../src/core/slo/alert-conditions.js';
import { isPage, stepAlert } from '../../../../src/core/slo/alert-state.js';
import type { AlertPhase, AlertState, AlertTransition } from '../../../../src/core/slo/alert-state.js';

const M = 60_000;
const timing = { for_ms: 5 * M, keep_resolved_ms: 15 * M };
const cond = (active: boolean, value = active ? 0.9 : 1): AlertCondition => ({ active, value, threshold: 0.995, eligible: 250, window: '5m' });

/** Runs one condition per minute from t = 0 and returns every transition as [from, to, minute]. */
function run(pattern: readonly boolean[], t = timing): Array<[AlertPhase, AlertPhase, number]> {
  let state: AlertState | undefined;
  const out: AlertTransition[] = [];
  pattern.forEach((active, i) => {
    const step = stepAlert('success', state, cond(active), i * M, t);
    state = step.state;
    out.push(...step.transitions);
  });
  return out.map((x) => [x.from, x.to, x.at / M]);
}

const on = (n: number) => Array<boolean>(n).fill(true);
const off = (n: number) => Array<boolean>(n).fill(false);

describe('stepAlert', () => {
  it('goes pending, fires after `for`, resolves, then goes inactive after keep_resolved', () => {
    expect(run([...off(2), ...on(8), ...off(20)])).toEqual([
      ['inactive', 'pending', 2],
      ['pending', 'firing', 7],
      ['firing', 'resolved', 10],
      ['resolved', 'inactive', 25],
    ]);
  });

  it('drops a pending alert back to inactive without firing when the condition clears first', () => {
    expect(run([...on(4), false, ...on(2)])).toEqual([
      ['inactive', 'pending', 0],
      ['pending', 'inactive', 4],
      ['inactive', 'pending', 5],
    ]);
  });

  it('starts over from resolved: pending again, and a new `for` before firing', () => {
    expect(run([...on(6), ...off(3), ...on(6)])).toEqual([
      ['inactive', 'pending', 0],
      ['pending', 'firing', 5],
      ['firing', 'resolved', 6],
      ['resolved', 'pending', 9],
      ['pending', 'firing', 14],
    ]);
  });

  it('fires at once when `for` is 0', () => {
    expect(run([false, true, true, false], { for_ms: 0, keep_resolved_ms: 0 })).toEqual([
      ['inactive', 'firing', 1],
      ['firing', 'resolved', 3],
    ]);
  });

  it('measures `for` in time, not in evaluations', () => {
    let state: AlertState | undefined;
    const seen: string[] = [];
    for (let t = 0; t <= 5 * M; t += 10_000) {
      const step = stepAlert('latency', state, cond(true), t, timing);
      state = step.state;
      for (const x of step.transitions) seen.push(`${x.to}@${x.at / 1000}s`);
    }
    expect(seen).toEqual(['pending@0s', 'firing@300s']);
  });

  it('keeps activeAt, firedAt and resolvedAt, and the latest figures', () => {
    let state: AlertState | undefined;
    for (const [i, active] of [true, true, true, true, true, true, false].entries()) state = stepAlert('success', state, cond(active, 0.9 + i / 100), i * M, timing).state;
    expect(state).toEqual({ phase: 'resolved', activeAt: 0, firedAt: 5 * M, resolvedAt: 6 * M, value: 0.96, threshold: 0.995, eligible: 250, window: '5m', evaluatedAt: 6 * M });
  });

  it('carries what a page needs on each transition', () => {
    const step = stepAlert('success', undefined, cond(true, 0.97), 42, { for_ms: 0, keep_resolved_ms: 0 });
    expect(step.transitions).toEqual([{ alert: 'success', from: 'inactive', to: 'firing', at: 42, value: 0.97, threshold: 0.995, eligible: 250, window: '5m' }]);
    expect(isPage(step.transitions[0] as AlertTransition)).toBe(true);
  });

  it('pages exactly once per firing and once per resolution, whatever the conditions', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 200 }), (pattern) => {
        const ts = run(pattern);
        const pages = ts.filter(([from, to]) => isPage({ from, to } as AlertTransition));
        const firings = ts.filter(([, to]) => to === 'firing').length;
        const resolutions = ts.filter(([from, to]) => from === 'firing' && to === 'resolved').length;
        expect(pages.length).toBe(firings + resolutions);
        expect(resolutions === firings || resolutions === firings - 1).toBe(true);
        // Every transition starts where the last one ended.
        ts.forEach(([from], i) => expect(from).toBe(i === 0 ? 'inactive' : ts[i - 1]?.[1]));
        // A firing is always preceded by `for` minutes of the condition holding.
        for (const [, to, at] of ts) if (to === 'firing') expect(pattern.slice(at - 5, at + 1).every(Boolean)).toBe(true);
      }),
    );
  });
});
