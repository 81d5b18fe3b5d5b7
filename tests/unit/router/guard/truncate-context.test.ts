import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../src/core/chat.js';
import { truncateContext } from '../../../../src/router/guard/truncate-context.js';

const conversation: ChatMessage[] = [
  { role: 'system', content: 'rules' },
  { role: 'user', content: 'u1' },
  { role: 'assistant', content: null, tool_calls: [{ id: 't1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
  { role: 'tool', content: 'r1', tool_call_id: 't1' },
  { role: 'assistant', content: 'a1' },
  { role: 'user', content: 'u2' },
  { role: 'assistant', content: 'a2' },
  { role: 'user', content: 'u3' },
];
const texts = (m: ChatMessage[] | null) => m?.map((x) => x.content ?? x.tool_calls?.[0]?.id);

describe('truncateContext', () => {
  it('drops the oldest whole turns first, keeping the system prompt', () => {
    expect(texts(truncateContext(conversation, (m) => m.length <= 4))).toEqual(['rules', 'u2', 'a2', 'u3']);
  });

  it('never splits a tool call from its result', () => {
    for (let max = 1; max <= conversation.length; max++) {
      const out = truncateContext(conversation, (m) => m.length <= max) ?? [];
      const calls = out.filter((m) => m.tool_calls).length;
      const results = out.filter((m) => m.role === 'tool').length;
      expect(calls).toBe(results);
    }
  });

  it('falls back to system + the latest turn when nothing longer fits', () => {
    expect(texts(truncateContext(conversation, () => false))).toEqual(['rules', 'u3']);
  });

  it('has nothing to drop with a single turn', () => {
    expect(truncateContext([{ role: 'system', content: 's' }, { role: 'user', content: 'u' }], () => false)).toBeNull();
  });
});
