import { describe, expect, it } from 'vitest';
import { createLogger, type Level } from '../../../src/router/log.js';
import { recordRequest } from '../../../src/router/record.js';
import type { RequestContext } from '../../../src/router/context.js';
import type { Runtime } from '../../../src/router/runtime.js';
import { finishedContext } from './ledger/context-fixture.js';

function runtime(level: Level) {
  const lines: Array<Record<string, unknown>> = [];
  const recorded: string[] = [];
  const rt = {
    log: createLogger({ level, write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) }),
    config: { providers: { primary: { emulated: true }, secondary: { emulated: false } } },
    answerCache: null,
    recorders: [(ctx: RequestContext) => recorded.push(ctx.id)],
  } as unknown as Runtime;
  return { rt, lines, recorded };
}

describe('recordRequest', () => {
  it('logs a failover at info with what happened, and hands the request to every recorder', () => {
    const { rt, lines, recorded } = runtime('info');
    const ctx = finishedContext({
      attempts: [
        { provider: 'primary', model: 'gpt-4o-mini', startMs: 1, durationMs: 30, outcome: 'auth', status: 401 },
        { provider: 'secondary', model: 'claude-haiku-4-5', startMs: 32, durationMs: 400, outcome: 'ok', status: 200 },
      ],
      provider: 'secondary',
      model: 'claude-haiku-4-5',
    });
    recordRequest(ctx, rt);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', event: 'request', request_id: ctx.id, provider: 'secondary', emulated: false, outcome: 'success', attempts: ['primary:auth:401:30ms', 'secondary:ok:200:400ms'] });
    expect(recorded).toEqual([ctx.id]);
  });

  it('writes nothing for a plain success at info, and a debug line at debug', () => {
    const quiet = runtime('info');
    recordRequest(finishedContext(), quiet.rt);
    expect(quiet.lines).toEqual([]);
    expect(quiet.recorded).toHaveLength(1);

    const chatty = runtime('debug');
    const ctx = finishedContext();
    recordRequest(ctx, chatty.rt);
    expect(chatty.lines).toHaveLength(1);
    expect(chatty.lines[0]).toMatchObject({ level: 'debug', event: 'request', request_id: ctx.id, provider: 'primary', emulated: true });
  });
});
