/**
 * Responses the worker writes itself: a stored answer (JSON or replayed as SSE) and
 * the offline error. They look like the router's, plus the travel headers.
 */
import type { ChatCompletion } from '../src/core/chat.js';
import { completionToChunks } from '../src/core/replay.js';
import { TRAVEL_HEADER, TRAVEL_WHY_HEADER, type TravelEntry, type TravelWhy } from '../src/app/travel-protocol.js';

export type TravelReason = 'offline' | 'repeat';

export interface ServeTiming {
  lookupMs: number;
  workerMs: number;
  /** For an offline answer: what the worker saw of the network. */
  why?: TravelWhy;
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
  if (timing.why) {
    h.set(TRAVEL_WHY_HEADER, timing.why);
    h.set('x-ballast-travel-waited-ms', String(Math.round(timing.workerMs)));
  }
  if (entry.summary.router) h.set('x-ballast-travel-router', entry.summary.router);
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

/** The OpenAI error envelope for a conversation this device has never seen answered, while the router is away. */
export function offlineError(online: boolean): Response {
  const body = {
    error: {
      message: online
        ? 'The ballast router could not be reached (this device is online) and this device has no saved answer for this conversation so far. Check that the router runs and its URL.'
        : 'You are offline (no internet) and this device has no saved answer for this conversation so far. Reconnect, or ask a prompt you have asked before.',
      type: 'service_unavailable_error',
      code: 'offline_no_cached_answer',
      param: null,
    },
  };
  return new Response(JSON.stringify(body), {
    status: 503,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-ballast-cache': 'miss', [TRAVEL_HEADER]: 'offline', [TRAVEL_WHY_HEADER]: 'network' },
  });
}
