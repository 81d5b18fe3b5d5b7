import { describe, expect, it } from 'vitest';
import { stepCondition, unhealthyAtFinish, type ProviderNow } from '../../../../src/router/drill/step-conditions.js';

const healthy = (name: string): ProviderNow => ({ name, revoked: false, coolingDown: false, until: null });

describe('the live condition of a checklist step', () => {
  it('is met at the baseline and at verify-green only with every provider healthy', () => {
    const all = [healthy('primary'), healthy('secondary')];
    expect(stepCondition('baseline', all)?.met).toBe(true);
    expect(stepCondition('verify_green', all)?.met).toBe(true);
    const cooling = [healthy('primary'), { ...healthy('secondary'), coolingDown: true, until: Date.UTC(2026, 0, 1, 10, 42, 5) }];
    expect(stepCondition('baseline', cooling)).toEqual({ met: false, reason: 'secondary is cooling down until 10:42:05 UTC' });
    const revoked = [{ ...healthy('primary'), revoked: true, coolingDown: true, until: null }, healthy('secondary')];
    expect(stepCondition('verify_green', revoked)).toEqual({ met: false, reason: "primary's key is revoked" });
  });

  it('is none for steps that only record what a person did', () => {
    for (const step of ['announce', 'revoke', 'watch_failover', 'confirm_p95', 'restore', 'debrief']) expect(stepCondition(step, [healthy('primary')])).toBeNull();
  });

  it('lists every provider not back to normal at the finish', () => {
    expect(unhealthyAtFinish([{ ...healthy('primary'), revoked: true }, { ...healthy('secondary'), coolingDown: true, until: null }])).toEqual(["primary's key is revoked", 'secondary is cooling down']);
    expect(unhealthyAtFinish([healthy('primary')])).toEqual([]);
  });
});
