import { describe, expect, it } from 'vitest';
import { applySettingsPatch, timingFor } from '../../../src/emulator/timing.js';

const settings = { latencyMs: 50, ttftMs: 100, tokensPerSecond: 20 };

describe('timingFor', () => {
  it('turns tokens per second into an interval', () => {
    expect(timingFor(settings, undefined)).toEqual({ latencyMs: 50, ttftMs: 100, tokenIntervalMs: 50 });
    expect(timingFor({ ...settings, tokensPerSecond: 0 }, undefined).tokenIntervalMs).toBe(0);
  });

  it('multiplies every delay under slow, with at least 1 ms per token', () => {
    expect(timingFor(settings, { kind: 'slow', factor: 3 })).toEqual({ latencyMs: 150, ttftMs: 300, tokenIntervalMs: 150 });
    expect(timingFor({ ...settings, tokensPerSecond: 0 }, { kind: 'slow', factor: 4 }).tokenIntervalMs).toBe(4);
  });

  it('ignores other faults', () => {
    expect(timingFor(settings, { kind: 'stall_headers', ms: 900 })).toEqual(timingFor(settings, undefined));
  });
});

describe('applySettingsPatch', () => {
  it('applies snake_case fields and keeps the others', () => {
    expect(applySettingsPatch(settings, { ttft_ms: 0, tokens_per_second: 5 })).toEqual({
      ok: true,
      value: { latencyMs: 50, ttftMs: 0, tokensPerSecond: 5 },
    });
  });

  it('names a bad field', () => {
    expect(applySettingsPatch(settings, { latency_ms: 'slow' })).toEqual({ ok: false, message: 'settings.latency_ms must be a number from 0 to 600000' });
    expect(applySettingsPatch(settings, [])).toMatchObject({ ok: false });
  });
});
