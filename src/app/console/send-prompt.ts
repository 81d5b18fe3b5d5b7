/**
 * One console prompt: builds the request, sends it through routerFetch (so the service
 * worker's travel cache sees it), streams the answer in, and measures latency and
 * time to first token on this side of the wire.
 */
import type { ChatCompletion, ChatMessage } from '../../core/chat.js';
import { routerFetch } from '../api.js';
import { metaFromHeaders, type AnswerMeta } from './answer-meta.js';
import { readSse } from './read-sse.js';

export type CacheOption = 'default' | 'no-store' | 'refresh';

export interface PromptInput {
  prompt: string;
  system: string;
  group: string;
  feature: string;
  promptVersion: string;
  stream: boolean;
  cache: CacheOption;
}

export interface AnswerError {
  status: number | null;
  code: string;
  message: string;
}

export interface ConsoleAnswer {
  id: number;
  input: PromptInput;
  sentAt: number;
  text: string;
  /** Still arriving. */
  pending: boolean;
  meta: AnswerMeta | null;
  status: number | null;
  /** Client-measured: send to the last byte. */
  latencyMs: number | null;
  /** Client-measured: send to the first content token (the whole answer when not streamed). */
  ttftMs: number | null;
  error: AnswerError | null;
}

export function requestOf(input: PromptInput): { body: string; headers: Record<string, string> } {
  const messages: ChatMessage[] = [];
  if (input.system.trim() !== '') messages.push({ role: 'system', content: input.system });
  messages.push({ role: 'user', content: input.prompt });
  const headers: Record<string, string> = {};
  if (input.feature.trim() !== '') headers['x-ballast-feature'] = input.feature.trim();
  if (input.promptVersion.trim() !== '') headers['x-ballast-prompt-version'] = input.promptVersion.trim();
  if (input.cache !== 'default') headers['x-ballast-cache'] = input.cache;
  return { body: JSON.stringify({ model: input.group, messages, ...(input.stream ? { stream: true } : {}) }), headers };
}

async function envelopeError(res: Response): Promise<AnswerError> {
  const text = await res.text().catch(() => '');
  try {
    const e = (JSON.parse(text) as { error?: { message?: string; code?: string } }).error;
    if (e?.message) return { status: res.status, code: e.code ?? 'http_error', message: e.message };
  } catch {
    // not the envelope: say what came back
  }
  return { status: res.status, code: 'http_error', message: `The router answered HTTP ${res.status} without an error message.` };
}

/**
 * Sends one prompt; `update` receives the answer as it grows (for the streaming view).
 * Never throws: network failures and router errors end up in `error`.
 */
export async function sendPrompt(answer: ConsoleAnswer, update: (a: ConsoleAnswer) => void, signal?: AbortSignal): Promise<ConsoleAnswer> {
  let cur = answer;
  const set = (patch: Partial<ConsoleAnswer>) => {
    cur = { ...cur, ...patch };
    update(cur);
  };
  const t0 = performance.now();
  const since = () => Math.round(performance.now() - t0);
  const { body, headers } = requestOf(answer.input);
  try {
    const res = await routerFetch('/v1/chat/completions', { method: 'POST', body, headers, ...(signal ? { signal } : {}) });
    const meta = metaFromHeaders(res.headers);
    set({ meta, status: res.status });
    if (!res.ok) {
      set({ error: await envelopeError(res), pending: false, latencyMs: since() });
      return cur;
    }
    if ((res.headers.get('content-type') ?? '').includes('text/event-stream') && res.body) {
      let text = '';
      const r = await readSse(res.body, (delta) => {
        text += delta;
        set(cur.ttftMs === null ? { text, ttftMs: since() } : { text });
      });
      set({
        text: r.text,
        pending: false,
        latencyMs: since(),
        meta: r.costUsd !== null ? { ...meta, costUsd: r.costUsd } : meta,
        error: r.error ? { status: res.status, code: r.error.code ?? 'stream_error', message: r.error.message } : r.complete ? null : { status: res.status, code: 'stream_incomplete', message: 'The stream ended without [DONE]; the answer may be incomplete.' },
      });
      return cur;
    }
    const completion = (await res.json()) as ChatCompletion;
    const ms = since();
    const msg = completion.choices?.[0]?.message;
    const text = msg?.content ?? (msg?.tool_calls ? msg.tool_calls.map((c) => `${c.function.name}(${c.function.arguments})`).join('\n') : '');
    set({ text, pending: false, latencyMs: ms, ttftMs: ms });
  } catch (err) {
    const e = err as Error;
    const aborted = e.name === 'AbortError';
    set({
      pending: false,
      latencyMs: since(),
      error: aborted
        ? { status: null, code: 'stopped', message: 'Stopped: you cancelled this answer.' }
        : { status: null, code: 'network_error', message: `The router could not be reached (${e.message}). Check the router URL in Settings, or your connection.` },
    });
  }
  return cur;
}
