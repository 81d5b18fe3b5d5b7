import type { FinishReason } from '../../../core/chat.js';

/** Anthropic's stop_reason as an OpenAI finish_reason. */
export function mapAnthropicStopReason(stopReason: string | null | undefined): FinishReason {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      // pause_turn (a server tool paused the turn) and reasons newer than this code.
      return 'stop';
  }
}
