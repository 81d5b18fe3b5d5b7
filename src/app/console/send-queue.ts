/**
 * The queue of prompts that could not be sent (no internet, or the router away) and that
 * this device had no saved answer for. They are turns marked `queued` in their threads
 * (so the queue is in IndexedDB with them and survives a reload), sent in order once the
 * router answers /healthz again: on the browser's `online` event, and by a probe every
 * few seconds while anything waits.
 *
 * Why not Workbox background sync: it replays a request from the worker with no page to
 * show the answer in, and its replayed answer never reaches the thread. The answer
 * belongs in the thread, so the page sends it (the page is where it is read).
 */
import { probeRouter } from './connection.js';
import { queuedTurns, retryTurn } from './turn-actions.js';

export const PROBE_EVERY_MS = 5000;

let timer: ReturnType<typeof setTimeout> | null = null;
let flushing = false;

/** Sends every queued turn if the router answers; true when the queue is empty after. */
export async function flushQueue(): Promise<boolean> {
  if (flushing) return false;
  const waiting = queuedTurns();
  if (waiting.length === 0) return true;
  flushing = true;
  try {
    if ((await probeRouter()) !== 'reachable') return false;
    for (const { thread, turn } of waiting) {
      const done = await retryTurn(thread.id, turn.id);
      if (done?.queued) return false; // the router went away again: keep the rest waiting
    }
    return queuedTurns().length === 0;
  } finally {
    flushing = false;
  }
}

/** Keeps probing while anything is queued; call after queueing and on start. */
export function watchQueue(): void {
  if (timer !== null || queuedTurns().length === 0) return;
  timer = setTimeout(() => {
    timer = null;
    void flushQueue().then((empty) => {
      if (!empty) watchQueue();
    });
  }, PROBE_EVERY_MS);
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => void flushQueue().then((empty) => !empty && watchQueue()));
}
