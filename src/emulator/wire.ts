/** What both wire formats (openai-wire.ts, anthropic-wire.ts) provide to the exchange. */
import type { IncomingHttpHeaders } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Answer, AnswerInput } from './answer.js';
import type { EmulatedModel } from './options.js';
import type { CacheBreakpoint } from './prompt-cache.js';

/** A complete, non-streamed HTTP answer. */
export interface Reply {
  status: number;
  /** The status line's reason phrase; Node's standard one when absent. */
  statusText?: string;
  headers: Record<string, string>;
  body: string;
}

/** A 200 event stream, split where faults act: opening | tokens | closing. */
export interface StreamScript {
  headers: Record<string, string>;
  /** Sent with the headers (role chunk; message_start, content_block_start, ping). */
  opening: string[];
  /** One frame per content token. */
  tokens: string[];
  /** Everything after the last token, terminal event included. */
  closing: string[];
  /** A frame whose data is not JSON, for the `malformed` fault. */
  malformed: string;
}

export interface ParsedRequest extends AnswerInput {
  stream: boolean;
  /** OpenAI stream_options.include_usage. */
  includeUsage: boolean;
  /** Characters of all message text (system included) plus tool definitions' JSON. */
  promptChars: number;
  /** Prompt tokens when the wire counts them exactly (OpenAI: o200k_base, as gpt-4o does); else chars / 4. */
  promptTokens?: number;
  /** Anthropic cache_control breakpoints, in prompt order; empty for OpenAI. */
  breakpoints: CacheBreakpoint[];
}

export interface WireUsage {
  /** Prompt tokens that were neither read from nor written to the prompt cache. */
  inputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** Part of cacheWriteTokens written with the 1-hour TTL. */
  cacheWrite1hTokens: number;
  outputTokens: number;
}

export type AuthProblem = 'missing' | 'invalid';

export type Parsed = { ok: true; request: ParsedRequest } | { ok: false; reply: Reply };

export interface Wire {
  readonly name: 'openai' | 'anthropic';
  apiKey(headers: IncomingHttpHeaders): string | undefined;
  authError(problem: AuthProblem): Reply;
  /** The provider's error envelope for any status; `message` defaults per status. */
  error(status: number, message?: string, param?: string): Reply;
  /** The provider's error event inside a 200 stream (OpenAI: an `error` chunk; Anthropic: `event: error`). */
  streamError(type: string, message: string): string;
  parse(body: unknown, headers: IncomingHttpHeaders, provider: string): Parsed;
  json(request: ParsedRequest, answer: Answer, usage: WireUsage): Reply;
  stream(request: ParsedRequest, answer: Answer, usage: WireUsage): StreamScript;
  models(models: EmulatedModel[]): Reply;
}

export const JSON_HEADERS = { 'content-type': 'application/json' } as const;
export const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' } as const;

export function randomId(prefix: string, bytes = 12): string {
  return prefix + randomBytes(bytes).toString('hex');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** max_tokens style field: undefined when absent, NaN when present but not a positive integer. */
export function positiveInt(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : Number.NaN;
}

export function epochSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
