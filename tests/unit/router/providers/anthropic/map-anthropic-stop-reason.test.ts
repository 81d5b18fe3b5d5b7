import { describe, expect, it } from 'vitest';
import { mapAnthropicStopReason } from '../../../../../src/router/providers/anthropic/map-anthropic-stop-reason.js';
import { fromAnthropicResponse } from '../../../../../src/router/providers/anthropic/convert-from-anthropic-response.js';

const CASES = [
  ['end_turn', 'stop'],
  ['stop_sequence', 'stop'],
  ['max_tokens', 'length'],
  ['model_context_window_exceeded', 'length'],
  ['tool_use', 'tool_calls'],
  ['refusal', 'content_filter'],
  ['pause_turn', 'stop'],
  ['something_new', 'stop'],
  [null, 'stop'],
] as const;

describe('mapAnthropicStopReason', () => {
  it.each(CASES)('maps %s to %s', (reason, finish) => {
    expect(mapAnthropicStopReason(reason)).toBe(finish);
  });

  it.each(CASES)('is what a response with stop_reason %s reports', (reason, finish) => {
    const body = { id: 'msg_1', type: 'message', role: 'assistant', content: [{ type: 'text', text: 'x' }], model: 'm', stop_reason: reason, usage: { input_tokens: 1, output_tokens: 1 } };
    expect(fromAnthropicResponse(body, { provider: 'p', requestModel: 'm' }).completion.choices[0]?.finish_reason).toBe(finish);
  });
});
