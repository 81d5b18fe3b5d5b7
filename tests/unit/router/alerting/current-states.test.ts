/** Issue #19: the panel said "OK" with no word of when the alerts were read; the states now say when, and when next. */
import { describe, expect, it } from 'vitest';
import { currentStatesOf } from '../../../../src/router/alerting/current-states.js';
import type { AlertsState } from '../../../../src/core/slo/evaluate-alerts.js';

const T = Date.UTC(2026, 0, 1, 12, 0, 0);
const state = {
  success: { phase: 'inactive', activeAt: null, firedAt: null, resolvedAt: null, value: 1, threshold: 0.995, eligible: 20, window: '5m', evaluatedAt: T },
} as unknown as AlertsState;

describe('alert states as the API shows them', () => {
  it('carry the evaluation time, the interval and the next evaluation', () => {
    expect(currentStatesOf(state, 15_000)[0]).toMatchObject({ evaluated_at: new Date(T).toISOString(), next_evaluation_at: new Date(T + 15_000).toISOString(), interval_s: 15 });
  });

  it('say nothing of a next evaluation when none is scheduled', () => {
    expect(currentStatesOf(state)[0]).toMatchObject({ next_evaluation_at: null, interval_s: null });
  });
});
