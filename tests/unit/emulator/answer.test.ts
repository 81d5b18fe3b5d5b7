import { describe, expect, it } from 'vitest';
import { buildAnswer, tokensForChars } from '../../../src/emulator/answer.js';
import type { AnswerInput } from '../../../src/emulator/answer.js';

const input = (overrides: Partial<AnswerInput> = {}): AnswerInput => ({
  provider: 'primary',
  model: 'gpt-4o-mini',
  lastUserText: 'What is the capital of France?',
  maxTokens: undefined,
  tools: [],
  toolChoice: { kind: 'auto' },
  ...overrides,
});

describe('buildAnswer', () => {
  it('answers 24 word tokens: the label, then words of the question, then filler', () => {
    const answer = buildAnswer(input());
    if (answer.kind !== 'text') throw new Error('expected text');
    expect(answer.tokens).toHaveLength(24);
    expect(answer.tokens.slice(0, 11).join('')).toBe('Emulated answer from primary (gpt-4o-mini): What is the capital of France ');
    expect(answer.tokens.slice(0, -1).every((t) => t.endsWith(' ') && !t.slice(0, -1).includes(' '))).toBe(true);
    expect(answer.tokens.at(-1)).not.toMatch(/\s$/);
    expect(answer.finish).toBe('stop');
  });

  it('is deterministic and depends on the question', () => {
    expect(buildAnswer(input())).toEqual(buildAnswer(input()));
    expect(buildAnswer(input({ lastUserText: 'Something else' }))).not.toEqual(buildAnswer(input()));
  });

  it('stops at maxTokens with finish length', () => {
    expect(buildAnswer(input({ maxTokens: 2 }))).toEqual({ kind: 'text', tokens: ['Emulated ', 'answer'], finish: 'length' });
    expect(buildAnswer(input({ maxTokens: 24 }))).toMatchObject({ finish: 'stop' });
  });

  it('calls a tool only when forced or asked to, never with choice none', () => {
    const tools = ['search', 'lookup'];
    expect(buildAnswer(input({ tools })).kind).toBe('text');
    expect(buildAnswer(input({ tools, lastUserText: 'Please USE A TOOL' }))).toMatchObject({ kind: 'tool', toolName: 'search' });
    expect(buildAnswer(input({ tools, toolChoice: { kind: 'any' } }))).toMatchObject({ toolName: 'search' });
    expect(buildAnswer(input({ tools, toolChoice: { kind: 'tool', name: 'lookup' } }))).toMatchObject({ toolName: 'lookup' });
    expect(buildAnswer(input({ tools, toolChoice: { kind: 'none' }, lastUserText: 'use a tool' })).kind).toBe('text');
    expect(buildAnswer(input({ lastUserText: 'use a tool' })).kind).toBe('text');
  });

  it('splits tool arguments into pieces that join back to the JSON', () => {
    const answer = buildAnswer(input({ tools: ['search'], toolChoice: { kind: 'any' } }));
    if (answer.kind !== 'tool') throw new Error('expected a tool call');
    expect(answer.argumentsJson).toBe('{"query":"What is the capital of France?"}');
    expect(answer.argumentTokens.join('')).toBe(answer.argumentsJson);
    expect(answer.argumentTokens.length).toBe(6);
  });
});

describe('tokensForChars', () => {
  it('rounds characters / 4 up', () => {
    expect([0, 1, 4, 5].map(tokensForChars)).toEqual([0, 1, 1, 2]);
  });
});
