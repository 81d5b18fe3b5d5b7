import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installProcessGuard } from '../../../src/router/process-guard.js';
import type { Logger } from '../../../src/router/log.js';

function harness(maxPerMinute = 3) {
  const proc = new EventEmitter() as unknown as NodeJS.EventEmitter as NodeJS.Process;
  const lines: Array<[string, Record<string, unknown> | undefined]> = [];
  const log: Logger = { debug() {}, info() {}, warn() {}, error: (e, f) => void lines.push([e, f]) };
  let t = 0;
  let flushes = 0;
  const exits: number[] = [];
  const remove = installProcessGuard({ log, flush: () => void flushes++, exit: (c) => void exits.push(c), now: () => t, maxPerMinute }, proc);
  return { proc, lines, exits, flushes: () => flushes, advance: (ms: number) => void (t += ms), remove };
}

describe('the last-resort process guard', () => {
  it('logs an escaped exception, flushes the ledger, and keeps the process', () => {
    const h = harness();
    (h.proc as NodeJS.EventEmitter).emit('uncaughtException', new Error('boom'));
    (h.proc as NodeJS.EventEmitter).emit('unhandledRejection', new Error('late'));
    expect(h.lines.map(([e]) => e)).toEqual(['uncaught_exception', 'unhandled_rejection']);
    expect(String(h.lines[0]?.[1]?.error)).toMatch(/boom/);
    expect(h.flushes()).toBe(2);
    expect(h.exits).toEqual([]);
  });

  it('a burst of escapes within a minute ends the process after a flush; spread out, it does not', () => {
    const spread = harness(3);
    for (let i = 0; i < 10; i++) {
      (spread.proc as NodeJS.EventEmitter).emit('uncaughtException', new Error(`e${i}`));
      spread.advance(30_000);
    }
    expect(spread.exits).toEqual([]);
    const burst = harness(3);
    for (let i = 0; i < 4; i++) (burst.proc as NodeJS.EventEmitter).emit('uncaughtException', new Error(`e${i}`));
    expect(burst.exits).toEqual([70]);
    expect(burst.flushes()).toBe(4);
  });

  it('a ledger that cannot flush is logged, not thrown from the handler', () => {
    const proc = new EventEmitter() as unknown as NodeJS.EventEmitter as NodeJS.Process;
    const events: string[] = [];
    const log: Logger = { debug() {}, info() {}, warn() {}, error: (e) => void events.push(e) };
    installProcessGuard({ log, flush: () => { throw new Error('disk full'); }, exit: () => {} }, proc);
    expect(() => (proc as NodeJS.EventEmitter).emit('uncaughtException', new Error('x'))).not.toThrow();
    expect(events).toEqual(['uncaught_exception', 'ledger_flush_failed']);
  });
});
