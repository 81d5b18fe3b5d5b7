import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../../../../src/core/chat.js';
import { conversionError, convert } from './request-helpers.js';

describe('tools and tool_choice', () => {
  const tools: ChatRequest['tools'] = [
    { type: 'function', function: { name: 'a', description: 'A', parameters: { type: 'object', properties: { x: { type: 'number' } } } } },
    { type: 'function', function: { name: 'b' } },
  ];

  it('maps definitions and defaults the input schema', () => {
    expect(convert({ tools }).body.tools).toEqual([
      { name: 'a', description: 'A', input_schema: { type: 'object', properties: { x: { type: 'number' } } } },
      { name: 'b', input_schema: { type: 'object', properties: {} } },
    ]);
  });

  it.each([
    ['auto', { type: 'auto' }],
    ['required', { type: 'any' }],
    ['none', { type: 'none' }],
    [{ type: 'function', function: { name: 'b' } }, { type: 'tool', name: 'b' }],
  ] as const)('maps tool_choice %j', (choice, expected) => {
    expect(convert({ tools, tool_choice: choice }).body.tool_choice).toEqual(expected);
  });

  it('sends no tool_choice when the client gave none', () => {
    expect(convert({ tools }).body).not.toHaveProperty('tool_choice');
  });

  it('maps parallel_tool_calls: false to disable_parallel_tool_use', () => {
    expect(convert({ tools, parallel_tool_calls: false }).body.tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true });
    expect(convert({ tools, tool_choice: 'required', parallel_tool_calls: false }).body.tool_choice).toEqual({
      type: 'any',
      disable_parallel_tool_use: true,
    });
    expect(convert({ tools, tool_choice: 'none', parallel_tool_calls: false }).body.tool_choice).toEqual({ type: 'none' });
  });

  it('drops tool_choice when there are no tools', () => {
    const { body } = convert({ tool_choice: 'required' });
    expect(body).not.toHaveProperty('tools');
    expect(body).not.toHaveProperty('tool_choice');
  });

  it('rejects a named tool_choice for a function that is not in tools', () => {
    expect(conversionError(() => convert({ tools, tool_choice: { type: 'function', function: { name: 'zzz' } } })).message).toBe(
      'tool_choice names function zzz, which is not in tools',
    );
  });
});
