import { describe, expect, it } from 'vitest';
import { FaultSlot, parseFault } from '../../../src/emulator/faults.js';
import { providerRandom } from '../../../src/emulator/rng.js';

describe('parseFault', () => {
  it.each([
    { kind: 'status', status: 503, retry_after_s: 2, rate: 0.25, times: 3 },
    { kind: 'refuse' },
    { kind: 'stall_headers', ms: 2500 },
    { kind: 'stall_first_token', ms: 0 },
    { kind: 'cut', after_tokens: 0 },
    { kind: 'malformed', times: 1 },
    { kind: 'slow', factor: 1.5 },
    { kind: 'echo_key', where: 'body', status: 422 },
    { kind: 'echo_key', where: 'stream', after_tokens: 2, times: 1 },
  ])('accepts %j unchanged', (fault) => {
    expect(parseFault(fault)).toEqual({ ok: true, value: fault });
  });

  it('rejects what is not an object', () => {
    expect(parseFault([])).toMatchObject({ ok: false, message: expect.stringContaining('fault must be a JSON object') });
    expect(parseFault(null)).toMatchObject({ ok: false });
  });

  it('rejects a missing kind listing the allowed kinds', () => {
    expect(parseFault({ status: 500 })).toEqual({
      ok: false,
      message: 'fault.kind must be one of: status, refuse, stall_headers, stall_first_token, cut, malformed, slow, echo_key',
    });
  });

  it('an echo_key fault needs a known place to echo into', () => {
    expect(parseFault({ kind: 'echo_key' })).toEqual({ ok: false, message: "fault.where is required for kind 'echo_key' and must be one of: body, status_text, stream" });
    expect(parseFault({ kind: 'echo_key', where: 'headers' })).toEqual({ ok: false, message: 'fault.where must be one of: body, status_text, stream' });
  });

  it('rejects a wrongly typed required field', () => {
    expect(parseFault({ kind: 'stall_headers', ms: '100' })).toEqual({
      ok: false,
      message: 'fault.ms must be an integer number of milliseconds from 0 to 600000',
    });
  });
});

describe('FaultSlot', () => {
  it('applies a fault without rate or times to every request', () => {
    const slot = new FaultSlot(() => providerRandom(1, 'p'));
    slot.set({ kind: 'malformed' });
    expect([slot.take(), slot.take()].map((f) => f?.kind)).toEqual(['malformed', 'malformed']);
  });

  it('counts times only on requests the fault hit, then clears itself', () => {
    const draws = [0.9, 0.1, 0.9, 0.2, 0.1];
    const slot = new FaultSlot(() => () => draws.shift() ?? 0);
    slot.set({ kind: 'status', status: 500, rate: 0.5, times: 2 });
    const hits = [slot.take(), slot.take(), slot.take(), slot.take(), slot.take()].map((f) => f !== undefined);
    expect(hits).toEqual([false, true, false, true, false]);
    expect(slot.current).toBeUndefined();
  });

  it('never hands out refuse, which acts on the listener', () => {
    const slot = new FaultSlot(() => providerRandom(1, 'p'));
    slot.set({ kind: 'refuse' });
    expect(slot.take()).toBeUndefined();
    expect(slot.current).toEqual({ kind: 'refuse' });
  });

  it('re-seeds on every set so a rate gives the same sequence each time', () => {
    const slot = new FaultSlot(() => providerRandom(9, 'primary'));
    const run = () => {
      slot.set({ kind: 'status', status: 500, rate: 0.3 });
      return Array.from({ length: 30 }, () => slot.take() !== undefined);
    };
    const first = run();
    expect(run()).toEqual(first);
    expect(first.some(Boolean)).toBe(true);
    expect(first.every(Boolean)).toBe(false);
  });
});
