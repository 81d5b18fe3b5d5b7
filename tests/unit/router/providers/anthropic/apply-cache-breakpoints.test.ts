import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChatRequest, ContentPart, TextPart, ToolDefinition } from '../../../../../src/core/chat.js';
import {
  collectBreakpoints,
  MAX_CACHE_BREAKPOINTS,
} from '../../../../../src/router/providers/anthropic/apply-cache-breakpoints.js';
import { toAnthropicRequest } from '../../../../../src/router/providers/anthropic/convert-to-anthropic-request.js';

const MODEL = 'claude-sonnet-4-5-20250929';
type CacheControl = NonNullable<TextPart['cache_control']>;

const tool = (name: string, cache_control?: CacheControl): ToolDefinition => ({
  type: 'function',
  function: { name },
  ...(cache_control ? { cache_control } : {}),
});
const text = (t: string, cache_control?: CacheControl): TextPart => ({ type: 'text', text: t, ...(cache_control ? { cache_control } : {}) });

function request(userParts: ContentPart[] = [text('question')], tools = [tool('a'), tool('b')]): ChatRequest {
  return {
    model: 'smart',
    messages: [
      { role: 'system', content: 'rules' },
      { role: 'system', content: [text('long context')] },
      { role: 'user', content: userParts },
    ],
    tools,
  };
}

describe('prompt caching marks', () => {
  it('marks the last tool and the last system block without ttl for 5m, the default TTL', () => {
    const { body, headers } = toAnthropicRequest(request(), { model: MODEL, stream: false, cacheTtl: '5m' });
    expect(body.tools?.map((t) => t.cache_control)).toEqual([undefined, { type: 'ephemeral' }]);
    expect(body.system).toEqual([
      { type: 'text', text: 'rules' },
      { type: 'text', text: 'long context', cache_control: { type: 'ephemeral' } },
    ]);
    expect(body.messages[0]?.content).toEqual([{ type: 'text', text: 'question' }]);
    expect(headers).toEqual({});
  });

  it("marks with ttl '1h' and needs no beta header for it", () => {
    const { body, headers } = toAnthropicRequest(request(), { model: MODEL, stream: false, cacheTtl: '1h' });
    expect(body.tools?.[1]?.cache_control).toEqual({ type: 'ephemeral', ttl: '1h' });
    expect(body.system?.[1]?.cache_control).toEqual({ type: 'ephemeral', ttl: '1h' });
    expect(headers).toEqual({});
    expect(headers).not.toHaveProperty('anthropic-beta');
  });

  it('marks nothing without cacheTtl', () => {
    const { body } = toAnthropicRequest(request(), { model: MODEL, stream: false });
    expect(collectBreakpoints(body)).toEqual([]);
  });

  it("keeps the client's marks exactly, ttl included, and never overwrites them", () => {
    const userParts = [text('doc', { type: 'ephemeral', ttl: '5m' }), text('question')];
    const tools = [tool('a'), tool('b', { type: 'ephemeral', ttl: '1h' })];
    const req = request(userParts, tools);
    req.messages[1] = { role: 'system', content: [text('long context', { type: 'ephemeral', ttl: '1h' })] };
    const before = structuredClone(req);

    const { body } = toAnthropicRequest(req, { model: MODEL, stream: false, cacheTtl: '5m' });
    expect(body.tools?.[1]?.cache_control).toEqual({ type: 'ephemeral', ttl: '1h' });
    expect(body.system?.[1]?.cache_control).toEqual({ type: 'ephemeral', ttl: '1h' });
    expect(body.messages[0]?.content[0]).toEqual({ type: 'text', text: 'doc', cache_control: { type: 'ephemeral', ttl: '5m' } });
    expect(collectBreakpoints(body)).toHaveLength(3);
    expect(req).toEqual(before);
  });

  it('copies client marks instead of sharing the request objects', () => {
    const req = request([text('q', { type: 'ephemeral' })]);
    const { body } = toAnthropicRequest(req, { model: MODEL, stream: false, cacheTtl: '1h' });
    const block = body.messages[0]?.content[0];
    expect(block?.cache_control).toEqual({ type: 'ephemeral' });
    expect(block?.cache_control).not.toBe((req.messages[2]?.content as TextPart[])[0]?.cache_control);
  });

  it('keeps only the system mark when the client left one breakpoint free', () => {
    const marked = (t: string) => text(t, { type: 'ephemeral' });
    const { body } = toAnthropicRequest(request([marked('1'), marked('2'), marked('3')]), { model: MODEL, stream: false, cacheTtl: '5m' });
    expect(body.tools?.[1]?.cache_control).toBeUndefined();
    expect(body.system?.[1]?.cache_control).toEqual({ type: 'ephemeral' });
    expect(collectBreakpoints(body)).toHaveLength(MAX_CACHE_BREAKPOINTS);
  });

  it('adds none of ours when the client already set four, and never drops the client\'s', () => {
    const marked = (t: string) => text(t, { type: 'ephemeral' });
    const four = toAnthropicRequest(request(['1', '2', '3', '4'].map(marked)), { model: MODEL, stream: false, cacheTtl: '5m' }).body;
    expect(collectBreakpoints(four)).toHaveLength(4);
    expect(four.system?.[1]?.cache_control).toBeUndefined();
    const five = toAnthropicRequest(request(['1', '2', '3', '4', '5'].map(marked)), { model: MODEL, stream: false, cacheTtl: '5m' }).body;
    expect(collectBreakpoints(five)).toHaveLength(5);
  });

  it('counts client marks inside tool results', () => {
    const req: ChatRequest = {
      model: 'smart',
      messages: [
        { role: 'system', content: 'rules' },
        { role: 'user', content: 'go' },
        { role: 'assistant', content: null, tool_calls: [{ id: 't', type: 'function', function: { name: 'a', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 't', content: ['1', '2', '3', '4'].map((t) => text(t, { type: 'ephemeral' })) },
      ],
    };
    const { body } = toAnthropicRequest(req, { model: MODEL, stream: false, cacheTtl: '5m' });
    expect(body.system?.[0]?.cache_control).toBeUndefined();
    expect(collectBreakpoints(body)).toHaveLength(4);
  });

  it('drops a 5m mark of ours that would precede a 1h mark of the client', () => {
    const { body } = toAnthropicRequest(request([text('doc', { type: 'ephemeral', ttl: '1h' })]), { model: MODEL, stream: false, cacheTtl: '5m' });
    expect(body.tools?.[1]?.cache_control).toBeUndefined();
    expect(body.system?.[1]?.cache_control).toBeUndefined();
    expect(collectBreakpoints(body)).toEqual([{ order: 4, ttl: '1h' }]);
  });

  it('drops a 1h mark of ours that would follow a 5m mark of the client', () => {
    const tools = [tool('a', { type: 'ephemeral' }), tool('b'), tool('c')];
    const { body } = toAnthropicRequest(request([text('q')], tools), { model: MODEL, stream: false, cacheTtl: '1h' });
    expect(body.tools?.map((t) => t.cache_control)).toEqual([{ type: 'ephemeral' }, undefined, undefined]);
    expect(body.system?.[1]?.cache_control).toBeUndefined();
  });

  it('keeps a 5m mark of ours after a 1h mark of the client', () => {
    const tools = [tool('a', { type: 'ephemeral', ttl: '1h' }), tool('b')];
    const { body } = toAnthropicRequest(request([text('q')], tools), { model: MODEL, stream: false, cacheTtl: '5m' });
    expect(body.tools?.map((t) => t.cache_control)).toEqual([{ type: 'ephemeral', ttl: '1h' }, { type: 'ephemeral' }]);
    expect(body.system?.[1]?.cache_control).toEqual({ type: 'ephemeral' });
  });

  it('holds for any mix of client marks: client marks intact, at most 4, longer TTLs first', () => {
    const control = fc.option(
      fc.constantFrom<CacheControl>({ type: 'ephemeral' }, { type: 'ephemeral', ttl: '5m' }, { type: 'ephemeral', ttl: '1h' }),
      { nil: undefined },
    );
    const ttlRank = (ttl: '5m' | '1h') => (ttl === '1h' ? 1 : 0);
    const nonIncreasing = (ttls: Array<'5m' | '1h'>) => ttls.every((ttl, i) => i === 0 || ttlRank(ttl) <= ttlRank(ttls[i - 1] ?? '1h'));

    fc.assert(
      fc.property(
        fc.array(control, { maxLength: 3 }),
        fc.array(control, { maxLength: 3 }),
        fc.array(control, { minLength: 1, maxLength: 5 }),
        fc.constantFrom<'5m' | '1h'>('5m', '1h'),
        (toolMarks, systemMarks, userMarks, cacheTtl) => {
          const req: ChatRequest = {
            model: 'smart',
            messages: [
              ...(systemMarks.length > 0 ? [{ role: 'system' as const, content: systemMarks.map((c, i) => text(`s${i}`, c)) }] : []),
              { role: 'user', content: userMarks.map((c, i) => text(`u${i}`, c)) },
            ],
            tools: toolMarks.map((c, i) => tool(`t${i}`, c)),
          };
          const clientCount = [...toolMarks, ...systemMarks, ...userMarks].filter(Boolean).length;
          const clientTtls = collectBreakpoints(toAnthropicRequest(req, { model: MODEL, stream: false }).body).map((b) => b.ttl);
          const { body } = toAnthropicRequest(req, { model: MODEL, stream: false, cacheTtl });

          expect(body.tools?.slice(0, -1).map((t) => t.cache_control) ?? []).toEqual(toolMarks.slice(0, -1));
          expect(body.system?.slice(0, -1).map((b) => b.cache_control) ?? []).toEqual(systemMarks.slice(0, -1));
          expect(body.messages[0]?.content.map((b) => b.cache_control)).toEqual(userMarks);
          const lastTool = toolMarks.at(-1);
          if (lastTool) expect(body.tools?.at(-1)?.cache_control).toEqual(lastTool);
          const lastSystem = systemMarks.at(-1);
          if (lastSystem) expect(body.system?.at(-1)?.cache_control).toEqual(lastSystem);

          const all = collectBreakpoints(body);
          expect(all.length).toBeLessThanOrEqual(Math.max(MAX_CACHE_BREAKPOINTS, clientCount));
          if (nonIncreasing(clientTtls)) expect(nonIncreasing(all.map((b) => b.ttl))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
