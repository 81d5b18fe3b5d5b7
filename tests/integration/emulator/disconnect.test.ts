import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, control, nextExchange, setFault, start, userTurn } from './helpers.js';
import type { Emulator } from './helpers.js';

let emu: Emulator;
let url: string;
beforeAll(async () => {
  emu = await start({ providers: [{ name: 'primary' }] });
  url = emu.providers.primary!.url;
});
afterAll(() => emu.close());

describe('client disconnect', () => {
  it('stops the stall timer at once and counts the request as aborted', async () => {
    await setFault(emu, 'primary', { kind: 'stall_headers', ms: 5000 });
    const controller = new AbortController();
    const arrived = once(emu.events, 'request');
    const pending = chat(url, { model: 'm', messages: userTurn('x') }, undefined, controller.signal);
    await arrived;
    const ended = nextExchange(emu, 'primary');
    const t0 = performance.now();
    controller.abort();
    await expect(pending).rejects.toThrow();
    const event = await ended;
    // The exchange settles only after its timers are gone: well before the 5 s stall.
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(event).toMatchObject({ provider: 'primary', aborted: true, status: null });
    expect((await control(emu, 'GET', '/providers/primary/stats')).body).toMatchObject({ aborted: 1, in_flight: 0 });
    await control(emu, 'DELETE', '/providers/primary/fault');
  });

  it('stops writing a stream whose client left, and keeps serving others', async () => {
    await control(emu, 'PATCH', '/providers/primary/settings', { tokens_per_second: 5 });
    const controller = new AbortController();
    const res = await chat(url, { model: 'm', stream: true, messages: userTurn('x') }, undefined, controller.signal);
    const reader = res.body!.getReader();
    await reader.read();
    const ended = nextExchange(emu, 'primary');
    const t0 = performance.now();
    controller.abort();
    const event = await ended;
    expect(performance.now() - t0).toBeLessThan(1000); // 24 tokens at 5/s would take ~5 s
    expect(event).toMatchObject({ aborted: true, status: 200 });
    await control(emu, 'PATCH', '/providers/primary/settings', { tokens_per_second: 0 });
    expect((await chat(url, { model: 'm', messages: userTurn('still here') })).status).toBe(200);
    const stats = (await control(emu, 'GET', '/providers/primary/stats')).body;
    expect(stats.aborted).toBe(2);
    expect(stats.by_status['200']).toBe(2);
  });
});
