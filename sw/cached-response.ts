/**
 * Responses the worker writes itself: a stored answer (JSON or replayed as SSE) and
 * the offline error. They look like the router's, plus the travel headers.
 */
import type { ChatCompletion } from '../src/core/chat.js';
import { completionToChunks } from '../src/core/replay.js';
import { TRAVEL_HEADER, type TravelEntry } from '../src/app/travel-protocol.js';

export type TravelReason = 'offline' | 'repeat';

export interface ServeTiming {
  lookupMs: number;
  workerMs: number;
}

function answerHeaders(entry: TravelEntry, reason: TravelReason, timing: ServeTiming, contentType: string): Headers {
  const h = new Headers({
    'content-type': contentType,
    'x-ballast-cache': 'hit',
    [TRAVEL_HEADER]: reason,
    'x-ballast-cost-usd': '0',
    'x-ballast-travel-age-s': String(Math.max(0, Math.round((Date.now() - entry.createdAt) / 1000))),
    // idb: the IndexedDB read; travel: the worker's whole time from the fetch event (body, key, read)
    'server-timing': `idb;dur=${timing.lookupMs.toFixed(2)}, travel;dur=${timing.workerMs.toFixed(2)}`,
  });
  if (entry.provider) h.set('x-ballast-provider', entry.provider);
  if (entry.model) h.set('x-ballast-model', entry.model);
  return h;
}

/** The SSE text of a stored answer: its chunks, an optional usage chunk, then [DONE]. */
export function replaySse(completion: ChatCompletion, includeUsage: boolean): string {
  const frames = completionToChunks(completion).map((c) => `data: ${JSON.stringify(c)}\n\n`);
  if (includeUsage && completion.usage) {
    const { id, created, model } = completion;
    frames.push(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: completion.usage })}\n\n`);
  }
  frames.push(': x-ballast-cost-usd 0\n\n', 'data: [DONE]\n\n');
  return frames.join('');
}

export function cachedAnswer(entry: TravelEntry, opts: { stream: boolean; includeUsage: boolean; reason: TravelReason; timing: ServeTiming }): Response {
  if (!opts.stream) {
    return new Response(JSON.stringify(entry.completion), { status: 200, headers: answerHeaders(entry, opts.reason, opts.timing, 'application/json; charset=utf-8') });
  }
  const headers = answerHeaders(entry, opts.reason, opts.timing, 'text/event-stream; charset=utf-8');
  headers.set('cache-control', 'no-cache');
  return new Response(replaySse(entry.completion, opts.includeUsage), { status: 200, headers });
}

/** The OpenAI error envelope for a prompt this device has never seen answered, while offline. */
export function offlineError(): Response {
  const body = {
    error: {
      message: 'You are offline (the ballast router did not answer) and this device has no saved answer for this prompt. Reconnect, or ask a prompt you have asked before.',
      type: 'service_unavailable_error',
      code: 'offline_no_cached_answer',
      param: null,
    },
  };
  return new Response(JSON.stringify(body), {
    status: 503,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-ballast-cache': 'miss', [TRAVEL_HEADER]: 'offline' },
  });
}
