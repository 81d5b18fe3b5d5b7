import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatRequest } from '../../../../../src/core/chat.js';
import {
  DEFAULT_MAX_TOKENS,
  toAnthropicRequest,
} from '../../../../../src/router/providers/anthropic/convert-to-anthropic-request.js';
import { fixtureJson } from './fixtures.js';
import { conversionError, convert, MODEL } from './request-helpers.js';

describe('toAnthropicRequest', () => {
  it('translates a recorded agent turn into the recorded Anthropic body', () => {
    const request = fixtureJson('openai-request-agent-turn.json') as ChatRequest;
    const { body, headers } = toAnthropicRequest(request, { model: MODEL, stream: false });
    expect(body).toEqual(fixtureJson('anthropic-request-agent-turn.json'));
    expect(headers).toEqual({});
  });

  it('hoists system and developer messages, in order, as text blocks', () => {
    const { body } = convert({
      messages: [
        { role: 'system', content: 'one' },
        { role: 'user', content: 'Hi' },
        { role: 'developer', content: [{ type: 'text', text: 'two' }, { type: 'text', text: 'three' }] },
        { role: 'assistant', content: 'Hello' },
      ],
    });
    expect(body.system).toEqual([
      { type: 'text', text: 'one' },
      { type: 'text', text: 'two' },
      { type: 'text', text: 'three' },
    ]);
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Hello' }] },
    ]);
  });

  it('omits system when there is no system message', () => {
    expect(convert({}).body).not.toHaveProperty('system');
  });

  it('merges consecutive turns of one role so roles alternate', () => {
    const { body } = convert({
      messages: [
        { role: 'user', content: 'a' },
        { role: 'user', content: 'b' },
        { role: 'assistant', content: 'c' },
        { role: 'assistant', content: 'd' },
        { role: 'user', content: 'e' },
      ],
    });
    expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(body.messages[0]?.content).toEqual([
      { type: 'text', text: 'a' },
      { type: 'text', text: 'b' },
    ]);
    expect(body.messages[1]?.content).toEqual([
      { type: 'text', text: 'c' },
      { type: 'text', text: 'd' },
    ]);
  });

  it('drops empty text and empty turns, then still merges the neighbours', () => {
    const { body } = convert({
      messages: [
        { role: 'user', content: 'a' },
        { role: 'assistant', content: '' },
        { role: 'user', content: [{ type: 'text', text: '' }, { type: 'text', text: 'b' }] },
      ],
    });
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] },
    ]);
  });

  it('puts tool results first in a user turn that also carries text', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'weather?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 't1', type: 'function', function: { name: 'w', arguments: '{}' } }] },
      { role: 'user', content: 'also: hurry' },
      { role: 'tool', tool_call_id: 't1', content: 'sunny' },
    ];
    const { body } = convert({ messages });
    expect(body.messages[1]).toEqual({ role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'w', input: {} }] });
    expect(body.messages[2]).toEqual({
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 't1', content: 'sunny' },
        { type: 'text', text: 'also: hurry' },
      ],
    });
  });

  it('sends a tool result without content when the tool message is empty', () => {
    const { body } = convert({
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: null, tool_calls: [{ id: 't1', type: 'function', function: { name: 'w', arguments: '' } }] },
        { role: 'tool', tool_call_id: 't1', content: '' },
      ],
    });
    expect(body.messages[1]?.content).toEqual([{ type: 'tool_use', id: 't1', name: 'w', input: {} }]);
    expect(body.messages[2]?.content).toEqual([{ type: 'tool_result', tool_use_id: 't1' }]);
  });

  it('names the tool call whose arguments are not valid JSON', () => {
    const error = conversionError(() =>
      convert({
        messages: [
          { role: 'user', content: 'go' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'call_9', type: 'function', function: { name: 'lookup', arguments: '{"q":' } }] },
        ],
      }),
    );
    expect(error.message).toBe('tool call call_9 (lookup): function.arguments is not valid JSON');
    expect(error.code).toBe('unsupported_request');
    expect(error.status).toBe(400);
    expect(error.retryable).toBe(false);
    expect(error.name).toBe('AnthropicConversionError');
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('rejects tool call arguments that are JSON but not an object', () => {
    const error = conversionError(() =>
      convert({
        messages: [
          { role: 'user', content: 'go' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '[1,2]' } }] },
        ],
      }),
    );
    expect(error.message).toBe('tool call c (f): function.arguments must be a JSON object');
  });

  it('rejects a tool message without tool_call_id', () => {
    const error = conversionError(() => convert({ messages: [{ role: 'tool', content: 'x' }] }));
    expect(error.message).toBe('messages[0]: a tool message needs tool_call_id');
  });

  it('rejects content that is neither a string nor an array of parts', () => {
    const content = { type: 'text', text: 'x' } as unknown as ChatMessage['content'];
    expect(conversionError(() => convert({ messages: [{ role: 'user', content }] })).message).toBe(
      'messages[0]: content must be a string or an array of parts',
    );
  });

  it('rejects a request with only system messages', () => {
    const error = conversionError(() => convert({ messages: [{ role: 'system', content: 'x' }] }));
    expect(error.message).toBe('the request needs at least one user or assistant message');
  });

  describe('parameters', () => {
    it('prefers max_completion_tokens, then max_tokens, then the default', () => {
      expect(convert({ max_completion_tokens: 10, max_tokens: 20 }).body.max_tokens).toBe(10);
      expect(convert({ max_tokens: 20 }).body.max_tokens).toBe(20);
      expect(convert({}).body.max_tokens).toBe(DEFAULT_MAX_TOKENS);
      expect(DEFAULT_MAX_TOKENS).toBe(4096);
    });

    it('maps stop (string or array) to stop_sequences and omits an empty one', () => {
      expect(convert({ stop: 'X' }).body.stop_sequences).toEqual(['X']);
      expect(convert({ stop: ['A', 'B'] }).body.stop_sequences).toEqual(['A', 'B']);
      expect(convert({ stop: [] }).body).not.toHaveProperty('stop_sequences');
    });

    it.each([
      [1.7, 1],
      [0.3, 0.3],
      [-0.5, 0],
      [0, 0],
    ])('clamps temperature %s to %s', (given, sent) => {
      expect(convert({ temperature: given }).body.temperature).toBe(sent);
    });

    it('sends top_p only without temperature, which current models refuse to take together', () => {
      expect(convert({ top_p: 0.5 }).body.top_p).toBe(0.5);
      const both = convert({ top_p: 0.5, temperature: 0.2 }).body;
      expect(both.temperature).toBe(0.2);
      expect(both).not.toHaveProperty('top_p');
    });

    it('passes top_p, user as metadata.user_id, model and stream', () => {
      const { body } = convert({ top_p: 0.5, user: 'u-1' }, { model: MODEL, stream: true });
      expect(body.top_p).toBe(0.5);
      expect(body.metadata).toEqual({ user_id: 'u-1' });
      expect(body.model).toBe(MODEL);
      expect(body.stream).toBe(true);
    });

    it('leaves optional fields out when the request has none', () => {
      expect(Object.keys(convert({}).body).sort()).toEqual(['max_tokens', 'messages', 'model']);
    });
  });
});
