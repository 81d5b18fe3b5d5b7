import type { Thread, Turn } from '../../../../src/app/console/thread-types.js';

let n = 0;

export function turn(prompt: string, text: string, patch: Partial<Turn> = {}): Turn {
  return {
    id: `turn-${++n}`,
    prompt,
    options: { group: 'default', feature: '', promptVersion: '', stream: true, cache: 'default' },
    sentAt: 1_795_000_000_000 + n,
    text,
    pending: false,
    queued: false,
    meta: null,
    status: 200,
    latencyMs: 10,
    ttftMs: 5,
    error: null,
    ...patch,
  };
}

export function thread(turns: Turn[], patch: Partial<Thread> = {}): Thread {
  return { id: `thread-${++n}`, title: turns[0]?.prompt ?? 'New conversation', system: '', createdAt: 1_795_000_000_000, updatedAt: 1_795_000_000_000 + n, turns, ...patch };
}
