/**
 * The messages one send carries: the thread's system prompt, every earlier turn that
 * was answered (prompt, then answer), then this turn's prompt. The travel cache keys on
 * the whole list, so an offline answer is only ever one given to this exact prefix.
 */
import type { ChatMessage } from '../../core/chat.js';
import { isAnswered, type Thread } from './thread-types.js';

/**
 * @example
 *   messagesFor(thread, thread.turns.length - 1); // system, earlier turns, the last prompt
 */
export function messagesFor(thread: Pick<Thread, 'system' | 'turns'>, turnIndex: number): ChatMessage[] {
  const out: ChatMessage[] = [];
  if (thread.system.trim() !== '') out.push({ role: 'system', content: thread.system });
  for (const t of thread.turns.slice(0, turnIndex)) {
    if (!isAnswered(t)) continue;
    out.push({ role: 'user', content: t.prompt }, { role: 'assistant', content: t.text });
  }
  const turn = thread.turns[turnIndex];
  if (turn) out.push({ role: 'user', content: turn.prompt });
  return out;
}

/** A title from the first prompt: its first line, cut at a word near 60 characters. */
export function titleFrom(prompt: string): string {
  const line = prompt.trim().split('\n')[0]?.trim() ?? '';
  if (line.length <= 60) return line || 'New conversation';
  const cut = line.slice(0, 60);
  const space = cut.lastIndexOf(' ');
  return `${space > 30 ? cut.slice(0, space) : cut}…`;
}
