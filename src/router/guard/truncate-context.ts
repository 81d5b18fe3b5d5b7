/**
 * Truncation, the first rung of the degradation ladder: drop the oldest turns, keep
 * every system (and developer) message and the latest user turn. A turn is a user
 * message with everything after it up to the next user message, so a tool call is never
 * separated from its result.
 */
import type { ChatMessage } from '../../core/chat.js';

/**
 * Returns the longest suffix of turns (oldest dropped first) that `fits`, or the
 * minimal form (system + latest turn) when nothing longer fits; null when there is no
 * older turn to drop.
 */
export function truncateContext(messages: ChatMessage[], fits: (messages: ChatMessage[]) => boolean): ChatMessage[] | null {
  const system = messages.filter((m) => m.role === 'system' || m.role === 'developer');
  const rest = messages.filter((m) => m.role !== 'system' && m.role !== 'developer');
  const starts: number[] = [];
  rest.forEach((m, i) => {
    if (m.role === 'user') starts.push(i);
  });
  if (starts.length <= 1) return null;
  // Try keeping the most turns first; drop one more oldest turn each time.
  for (let k = 1; k < starts.length; k++) {
    const candidate = [...system, ...rest.slice(starts[k] as number)];
    if (fits(candidate) || k === starts.length - 1) return candidate;
  }
  return null;
}
