/**
 * What the console does with a turn: send a new prompt into a thread, retry a failed
 * turn, regenerate or edit-and-resend the last one, stop one in flight. A turn that fails
 * because the router is away and this device has no saved answer goes to the queue
 * (send-queue.ts) instead of failing.
 */
import { messagesFor } from './conversation.js';
import { sendTurn, NO_SAVED_ANSWER } from './send-prompt.js';
import { newId, type Thread, type Turn, type TurnOptions } from './thread-types.js';
import { currentThread, putThread, putTurn, startThread, truncateThread, getThreads } from './threads-store.js';

const inFlight = new Map<string, AbortController>();

export function isSending(): boolean {
  return inFlight.size > 0;
}

export function stopTurn(turnId: string): void {
  inFlight.get(turnId)?.abort();
}

function freshTurn(prompt: string, options: TurnOptions): Turn {
  return { id: newId(), prompt, options, sentAt: Date.now(), text: '', pending: true, queued: false, meta: null, status: null, latencyMs: null, ttftMs: null, error: null };
}

/** The router is away and nothing here could answer: worth sending again later. */
function queueable(t: Turn): boolean {
  const f = t.error?.failure;
  return (f === 'no-internet' || f === 'router-unreachable') && (t.error?.code === NO_SAVED_ANSWER || t.status === null);
}

/** Sends the turn at `index` of the thread with every answered turn before it. */
async function run(thread: Thread, index: number, queueOnFailure: boolean): Promise<Turn> {
  const turn = thread.turns[index]!;
  const ctl = new AbortController();
  inFlight.set(turn.id, ctl);
  try {
    const done = await sendTurn(turn, messagesFor(thread, index), (t) => putTurn(thread.id, t), ctl.signal);
    if (queueOnFailure && queueable(done)) {
      const queued = { ...done, queued: true };
      putTurn(thread.id, queued);
      return queued;
    }
    return done;
  } finally {
    inFlight.delete(turn.id);
  }
}

function threadById(id: string): Thread | null {
  return getThreads().threads.find((t) => t.id === id) ?? null;
}

/**
 * A new prompt at the end of the current thread (a new thread when there is none).
 *
 * @example
 *   await sendNew('Now make it more formal', prefs); // carries the earlier turns
 */
export async function sendNew(prompt: string, options: TurnOptions, system: string): Promise<Turn> {
  const base = currentThread() ?? startThread(system);
  const turn = freshTurn(prompt, options);
  putTurn(base.id, turn);
  const thread = threadById(base.id)!;
  return run(thread, thread.turns.length - 1, true);
}

/** Sends a failed, stopped or queued turn again, in place, with the history before it. */
export async function retryTurn(threadId: string, turnId: string): Promise<Turn | null> {
  const t = threadById(threadId);
  const index = t?.turns.findIndex((u) => u.id === turnId) ?? -1;
  if (!t || index < 0 || inFlight.has(turnId)) return null;
  const again: Turn = { ...t.turns[index]!, sentAt: Date.now(), text: '', pending: true, queued: false, meta: null, status: null, latencyMs: null, ttftMs: null, error: null };
  putTurn(threadId, again);
  return run(threadById(threadId)!, index, true);
}

/** Asks again for the last turn's answer; "refresh" so neither cache hands back the same one. */
export async function regenerateLast(threadId: string): Promise<Turn | null> {
  const t = threadById(threadId);
  const last = t?.turns.at(-1);
  if (!t || !last || inFlight.has(last.id)) return null;
  const turn = freshTurn(last.prompt, { ...last.options, cache: 'refresh' });
  putThread({ ...t, turns: [...t.turns.slice(0, -1), turn] });
  return run(threadById(threadId)!, t.turns.length - 1, false);
}

/** Replaces the last prompt with `prompt` and sends it. */
export async function editLast(threadId: string, prompt: string, options: TurnOptions): Promise<Turn | null> {
  const t = threadById(threadId);
  if (!t || t.turns.length === 0 || inFlight.has(t.turns.at(-1)!.id)) return null;
  truncateThread(threadId, t.turns.length - 1);
  putTurn(threadId, freshTurn(prompt, options));
  const thread = threadById(threadId)!;
  return run(thread, thread.turns.length - 1, true);
}

/** Every queued turn, oldest first, with its thread. */
export function queuedTurns(): Array<{ thread: Thread; turn: Turn }> {
  const out: Array<{ thread: Thread; turn: Turn }> = [];
  for (const thread of getThreads().threads) for (const turn of thread.turns) if (turn.queued) out.push({ thread, turn });
  return out.sort((a, b) => a.turn.sentAt - b.turn.sentAt);
}

/** Takes a turn out of the queue: it stays in the thread, marked as not sent. */
export function cancelQueued(threadId: string, turnId: string): void {
  const t = threadById(threadId);
  const turn = t?.turns.find((u) => u.id === turnId);
  if (!t || !turn?.queued) return;
  putTurn(threadId, { ...turn, queued: false, error: { status: null, code: 'cancelled', message: 'Not sent: you took it out of the queue. Retry sends it.', failure: null } });
}
