import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, messages, parseSse, start, userTurn } from './helpers.js';
import type { Emulator } from './helpers.js';

const openaiTools = [
  { type: 'function', function: { name: 'search', parameters: { type: 'object' } } },
  { type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } },
];
const anthropicTools = [
  { name: 'search', input_schema: { type: 'object' } },
  { name: 'lookup', input_schema: { type: 'object' } },
];

let emu: Emulator;
let url: string;
beforeAll(async () => {
  emu = await start({ providers: [{ name: 'primary' }] });
  url = emu.providers.primary!.url;
});
afterAll(() => emu.close());

describe('tool calls, OpenAI', () => {
  it('calls the forced tool with the last user text as query', async () => {
    const body = await (
      await chat(url, { model: 'm', tools: openaiTools, tool_choice: { type: 'function', function: { name: 'lookup' } }, messages: userTurn('find the docs') })
    ).json();
    const choice = body.choices[0];
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls).toHaveLength(1);
    expect(choice.message.tool_calls[0].id).toMatch(/^call_/);
    expect(choice.message.tool_calls[0].type).toBe('function');
    expect(choice.message.tool_calls[0].function.name).toBe('lookup');
    expect(JSON.parse(choice.message.tool_calls[0].function.arguments)).toEqual({ query: 'find the docs' });
  });

  it('calls the first tool when the user says "use a tool", and streams the call as deltas', async () => {
    const text = await (await chat(url, { model: 'm', stream: true, tools: openaiTools, messages: userTurn('Please use a tool for this') })).text();
    const chunks = parseSse(text).filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data));
    const calls = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(calls[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'search' } });
    expect(calls[0].id).toMatch(/^call_/);
    expect(calls.length).toBeGreaterThan(1);
    expect(JSON.parse(calls.map((c: { function: { arguments: string } }) => c.function.arguments).join(''))).toEqual({ query: 'Please use a tool for this' });
    expect(chunks.at(-1).choices[0].finish_reason).toBe('tool_calls');
  });

  it('answers with text when tool_choice is none or nothing asks for a tool', async () => {
    const none = await (await chat(url, { model: 'm', tools: openaiTools, tool_choice: 'none', messages: userTurn('use a tool') })).json();
    expect(none.choices[0].finish_reason).toBe('stop');
    expect(none.choices[0].message.tool_calls).toBeUndefined();
    const auto = await (await chat(url, { model: 'm', tools: openaiTools, messages: userTurn('just chat') })).json();
    expect(auto.choices[0].finish_reason).toBe('stop');
  });
});

describe('tool calls, Anthropic', () => {
  it('answers a tool_use block with stop_reason tool_use', async () => {
    const body = await (
      await messages(url, { model: 'c', max_tokens: 100, tools: anthropicTools, tool_choice: { type: 'any' }, messages: userTurn('weather in Oslo') })
    ).json();
    expect(body.stop_reason).toBe('tool_use');
    expect(body.content).toHaveLength(1);
    expect(body.content[0]).toMatchObject({ type: 'tool_use', name: 'search', input: { query: 'weather in Oslo' } });
    expect(body.content[0].id).toMatch(/^toolu_/);
  });

  it('streams the tool input as input_json_delta events', async () => {
    const events = parseSse(
      await (await messages(url, { model: 'c', max_tokens: 100, stream: true, tools: anthropicTools, tool_choice: { type: 'tool', name: 'lookup' }, messages: userTurn('a b c') })).text(),
    ).map((e) => JSON.parse(e.data));
    expect(events[1].content_block).toMatchObject({ type: 'tool_use', name: 'lookup', input: {} });
    const deltas = events.filter((e) => e.type === 'content_block_delta');
    expect(deltas.every((d) => d.delta.type === 'input_json_delta')).toBe(true);
    expect(JSON.parse(deltas.map((d) => d.delta.partial_json).join(''))).toEqual({ query: 'a b c' });
    expect(events.find((e) => e.type === 'message_delta').delta.stop_reason).toBe('tool_use');
  });
});
