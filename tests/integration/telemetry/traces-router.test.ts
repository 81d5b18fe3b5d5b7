/**
 * Traces from real requests: ballast and the emulator on 127.0.0.1, the trace recorder
 * pushed into the runtime's recorders exactly as start wires it, a local OTLP receiver.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/router/log.js';
import { createTracing, tracingConfigSchema, type Tracing } from '../../../src/router/telemetry/traces/index.js';
import { KEYS, readSse, startStack, type Stack } from '../helpers/stack.js';
import { startOtlpReceiver, type OtlpReceiver } from './otlp-receiver.js';

let stack: Stack;
let otlp: OtlpReceiver;
let tracing: Tracing;

beforeAll(async () => {
  stack = await startStack({ config: { groups: { default: { strategy: 'ordered' } } } });
  otlp = await startOtlpReceiver();
  const created = createTracing(tracingConfigSchema.parse({ endpoint: `${otlp.url}/v1/traces` }), {}, createLogger({ write: () => {} }), {
    providers: stack.ballast.config.providers,
  });
  if (!created) throw new Error('tracing is off');
  tracing = created;
  stack.ballast.runtime.recorders.push(tracing.recorder);
});
afterAll(async () => {
  await tracing?.shutdown();
  await stack?.close();
  await otlp?.close();
});

describe('traces of real requests', () => {
  it('a completion, a stream and a failover, each as a span tree; no key and no text', async () => {
    const prompt = 'PRIVATE-PROMPT-about-my-diagnosis';
    const plain = await stack.chat({ messages: [{ role: 'user', content: prompt }] }, { 'x-ballast-feature': 'search', 'x-ballast-prompt-version': 'v7' });
    const plainBody = (await plain.json()) as { choices: Array<{ message: { content: string } }> };
    const streamed = await readSse(await stack.chat({ stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: prompt }] }));
    expect(streamed.at(-1)).toBe('[DONE]');
    await stack.revoke('primary');
    const failover = await stack.chat({ messages: [{ role: 'user', content: `${prompt} again` }] });
    expect(failover.status).toBe(200);
    await failover.arrayBuffer();
    await tracing.shutdown();

    const spans = otlp.spans();
    const roots = spans.filter((s) => s.parentSpanId === undefined);
    expect(roots).toHaveLength(3);
    const [first, stream, moved] = roots.sort((a, b) => (a.startNs < b.startNs ? -1 : 1)) as [(typeof roots)[0], (typeof roots)[0], (typeof roots)[0]];

    expect(first.name).toBe('chat default');
    expect(first.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'default',
      'gen_ai.response.model': expect.any(String),
      'ballast.provider': 'primary',
      'ballast.emulated': true,
      'ballast.tenant': 'default',
      'ballast.feature': 'search',
      'ballast.prompt_version': 'v7',
      'ballast.attempts': 1,
      'ballast.failover': false,
      'ballast.stream': false,
      'ballast.outcome': 'success',
      'ballast.status': 200,
      'gen_ai.response.finish_reasons': ['stop'],
    });
    expect(first.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
    expect(first.attributes['ballast.cost_usd']).toBeGreaterThan(0);

    expect(stream.attributes).toMatchObject({ 'ballast.stream': true, 'ballast.outcome': 'success' });
    const ttftMs = stream.attributes['ballast.ttft_ms'] as number;
    expect(ttftMs).toBeGreaterThan(0);
    // the span covers the whole stream, not only the time to first token
    expect(Number(stream.endNs - stream.startNs) / 1e6).toBeGreaterThanOrEqual(ttftMs);

    expect(moved.attributes).toMatchObject({ 'ballast.provider': 'secondary', 'gen_ai.provider.name': 'anthropic', 'ballast.failover': true, 'ballast.outcome': 'success' });
    const attempts = spans.filter((s) => s.parentSpanId === moved.spanId).map((s) => [s.name, s.attributes['ballast.attempt.outcome'], s.attributes['http.response.status_code']]);
    expect(attempts[0]).toEqual(['attempt primary', 'auth', 401]);
    expect(attempts.at(-1)?.slice(0, 2)).toEqual(['attempt secondary', 'ok']); // the router records no status for a success

    const bodies = otlp.exports.map((e) => e.body).join('\n');
    for (const forbidden of [KEYS.primary, KEYS.secondary, prompt, plainBody.choices[0]!.message.content]) expect(bodies).not.toContain(forbidden);
  });
});
