/**
 * One turn of a conversation: builds the request from the thread's messages, sends it
 * through routerFetch (so the service worker's travel cache sees it), streams the
 * answer in, measures latency and time to first token on this side of the wire, and
 * names any failure in the console's connection vocabulary (connection.ts).
 */
import type { ChatCompletion, ChatMessage } from '../../core/chat.js';
import { routerFetch } from '../api.js';
import { metaFromHeaders } from './answer-meta.js';
import { failureMessage, failureOfNoResponse, reportConnection } from './connection.js';
import { readSse } from './read-sse.js';
import type { AnswerError, Turn, TurnOptions } from './thread-types.js';

export type { CacheOption } from './thread-types.js';

export function requestOf(messages: ChatMessage[], o: TurnOptions): { body: string; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  if (o.feature.trim() !== '') headers['x-ballast-feature'] = o.feature.trim();
  if (o.promptVersion.trim() !== '') headers['x-ballast-prompt-version'] = o.promptVersion.trim();
  if (o.cache !== 'default') headers['x-ballast-cache'] = o.cache;
  return { body: JSON.stringify({ model: o.group, messages, ...(o.stream ? { stream: true } : {}) }), headers };
}

/** The worker's answer for a conversation it has no saved answer for while the router is away. */
export const NO_SAVED_ANSWER = 'offline_no_cached_answer';

async function envelopeError(res: Response): Promise<AnswerError> {
  const text = await res.text().catch(() => '');
  let e: { message?: string; code?: string } | undefined;
  try {
    e = (JSON.parse(text) as { error?: { message?: string; code?: string } }).error;
  } catch {
    // not the envelope: say what came back
  }
  if (e?.code === NO_SAVED_ANSWER) {
    const failure = failureOfNoResponse(navigator.onLine);
    return { status: res.status, code: e.code, failure, message: `${failureMessage(failure)} This device has no saved answer for this conversation so far.` };
  }
  if (e?.message) return { status: res.status, code: e.code ?? 'http_error', message: e.message, failure: null };
  return { status: res.status, code: 'http_error', failure: null, message: `The router answered HTTP ${res.status} without an error message.` };
}

/**
 * Sends one turn; `update` receives it as it grows (for the streaming view).
 * Never throws: network failures and router errors end up in `error`.
 *
 * @example
 *   await sendTurn(turn, messagesFor(thread, i), (t) => saveTurn(thread.id, t), ctl.signal);
 */
export async function sendTurn(turn: Turn, messages: ChatMessage[], update: (t: Turn) => void, signal?: AbortSignal): Promise<Turn> {
  let cur = turn;
  const set = (patch: Partial<Turn>) => {
    cur = { ...cur, ...patch };
    update(cur);
  };
  const t0 = performance.now();
  const since = () => Math.round(performance.now() - t0);
  const { body, headers } = requestOf(messages, turn.options);
  let gotHeaders = false;
  try {
    const res = await routerFetch('/v1/chat/completions', { method: 'POST', body, headers, ...(signal ? { signal } : {}) });
    gotHeaders = true;
    const meta = metaFromHeaders(res.headers);
    if (meta.travel === null) reportConnection('reachable');
    else if (meta.travelWhy === 'timeout') reportConnection('slow');
    else if (meta.travelWhy === 'network') reportConnection(failureOfNoResponse(navigator.onLine));
    set({ meta, status: res.status });
    if (!res.ok) {
      const error = await envelopeError(res);
      if (error.failure === 'no-internet' || error.failure === 'router-unreachable') reportConnection(error.failure);
      set({ error, pending: false, latencyMs: since() });
      return cur;
    }
    if ((res.headers.get('content-type') ?? '').includes('text/event-stream') && res.body) {
      let text = '';
      const r = await readSse(res.body, (delta) => {
        text += delta;
        set(cur.ttftMs === null ? { text, ttftMs: since() } : { text });
      });
      let error: AnswerError | null = null;
      if (r.error) error = { status: res.status, code: r.error.code ?? 'stream_error', message: r.error.message, failure: null };
      else if (!r.complete) error = { status: res.status, code: 'stream_incomplete', message: failureMessage('stream-cut', 'it ended without [DONE]'), failure: 'stream-cut' };
      set({ text: r.text, pending: false, latencyMs: since(), meta: r.costUsd !== null ? { ...meta, costUsd: r.costUsd } : meta, error });
      return cur;
    }
    const completion = (await res.json()) as ChatCompletion;
    const ms = since();
    const msg = completion.choices?.[0]?.message;
    const text = msg?.content ?? (msg?.tool_calls ? msg.tool_calls.map((c) => `${c.function.name}(${c.function.arguments})`).join('\n') : '');
    set({ text: typeof text === 'string' ? text : '', pending: false, latencyMs: ms, ttftMs: ms });
  } catch (err) {
    const e = err as Error;
    if (e.name === 'AbortError') {
      set({ pending: false, latencyMs: since(), error: { status: null, code: 'stopped', message: 'Stopped: you cancelled this answer.', failure: null } });
      return cur;
    }
    // headers arrived, then the body broke: the stream was cut, the router was reached
    const failure = gotHeaders ? 'stream-cut' : failureOfNoResponse(navigator.onLine);
    reportConnection(failure === 'no-internet' ? 'no-internet' : 'router-unreachable');
    set({ pending: false, latencyMs: since(), error: { status: cur.status, code: failure.replace('-', '_'), message: failureMessage(failure, e.message), failure } });
  }
  return cur;
}
