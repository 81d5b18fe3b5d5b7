/**
 * Writing answers: JSON, server-sent events, ballast's response headers, and every
 * error in the OpenAI envelope.
 */
import type { ServerResponse } from 'node:http';
import type { ChatCompletionChunk } from '../../core/chat.js';
import type { RequestContext } from '../context.js';
import type { Runtime } from '../runtime.js';
import { AllAttemptsFailed, ClientGone, RequestRejected } from '../routing/run-attempts.js';
import { BallastError, internalError } from './errors.js';

/** Writes a JSON answer; resolves once it is handed to the socket in full (or the socket closed first). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): Promise<void> {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  const written = new Promise<void>((resolve) => {
    res.once('finish', resolve);
    res.once('close', resolve);
  });
  res.end(text);
  return written;
}

/** The x-ballast-* headers of an answer. */
export function answerHeaders(ctx: RequestContext, rt: Runtime): Record<string, string> {
  const h: Record<string, string> = {
    'x-ballast-request-id': ctx.id,
    'x-ballast-attempts': String(ctx.attempts.length),
  };
  if (ctx.provider) {
    h['x-ballast-provider'] = ctx.provider;
    if (rt.config.providers[ctx.provider]?.emulated) h['x-ballast-emulated'] = 'true';
  }
  if (ctx.model) h['x-ballast-model'] = ctx.model;
  if (ctx.costUsd !== null && !ctx.stream) h['x-ballast-cost-usd'] = formatUsd(ctx.costUsd);
  if (ctx.cache !== null) h['x-ballast-cache'] = ctx.cache;
  if (ctx.degraded.length > 0) h['x-ballast-degraded'] = ctx.degraded.join(',');
  if (ctx.bypass) h['x-ballast-bypass'] = 'true';
  // Only when another provider than the first one tried served: a 502 that nobody served is no failover.
  if (ctx.provider !== null && ctx.attempts.some((a) => a.provider !== ctx.provider)) h['x-ballast-failover'] = 'true';
  return h;
}

/** USD with enough digits for a fraction of a cent, without exponent notation. */
export function formatUsd(usd: number): string {
  return usd.toFixed(8).replace(/0+$/, '').replace(/\.$/, '.0');
}

/** Turns whatever went wrong into a BallastError, or null when nobody is left to answer. */
export function toBallastError(err: unknown): BallastError | null {
  if (err instanceof ClientGone) return null;
  if (err instanceof BallastError) return err;
  if (err instanceof AllAttemptsFailed) return allFailed(err);
  if (err instanceof RequestRejected) return rejected(err);
  const e = err as { code?: unknown; status?: unknown; message?: unknown };
  if (e && e.code === 'unsupported_request' && typeof e.message === 'string') {
    return new BallastError(400, 'invalid_request_error', 'unsupported_request', e.message);
  }
  return internalError();
}

/**
 * Every deployment tried said the request itself is invalid (issue #12): a 4xx with each
 * one's reason. The status is theirs when they agree (413 stays 413), else 400.
 */
function rejected(err: RequestRejected): BallastError {
  const statuses = new Set(err.rejections.map((r) => ('status' in r.error && typeof r.error.status === 'number' ? r.error.status : 400)));
  const [only] = statuses;
  const status = statuses.size === 1 && only !== undefined && only >= 400 && only < 500 ? only : 400;
  const unsupported = err.rejections.every((r) => r.error.code === 'unsupported_request');
  const reasons = err.rejections.map((r) => (r.error.message.startsWith(r.provider) ? r.error.message : `${r.provider}: ${r.error.message}`));
  const message =
    err.rejections.length === 1
      ? `The provider rejected the request: ${reasons[0]}`
      : `Every provider rejected the request as invalid (${reasons.join('; ')}). Change the request; retrying it as is will not help.`;
  return new BallastError(status, 'invalid_request_error', unsupported ? 'unsupported_request' : 'rejected_by_provider', message);
}

function allFailed(err: AllAttemptsFailed): BallastError {
  const capacity = err.attempts.every((a) => a.outcome === 'rate_limited' || a.outcome === 'overloaded');
  const list = err.attempts
    .map((a) => `${a.provider} ${a.status ?? '-'} ${a.outcome} after ${a.durationMs} ms`)
    .join('; ');
  return new BallastError(
    capacity ? 503 : 502,
    'upstream_error',
    'all_providers_failed',
    `Every provider failed (${err.attempts.length} attempts: ${list}). Retry shortly; if it persists, check the providers' status.`,
    null,
    {
      attempts: err.attempts.map((a) => ({
        provider: a.provider,
        model: a.model,
        status: a.status ?? null,
        code: a.outcome,
        started_ms: a.startMs,
        duration_ms: a.durationMs,
      })),
    },
  );
}

export function sendError(res: ServerResponse, error: BallastError, requestId: string, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const extra: Record<string, string> = { ...headers };
  // The official SDKs retry 5xx twice by default; ballast has already retried and failed
  // over, so a client retry of all_providers_failed multiplies upstream calls (one request
  // became 12). openai-node and anthropic-sdk honour x-should-retry. Capacity (every
  // provider said 429 or overloaded) and a shutdown cut are worth a retry.
  if (error.code === 'all_providers_failed' && error.status === 502) extra['x-should-retry'] = 'false';
  if (error.status === 413) extra.connection = 'close';
  sendJson(res, error.status, error.toEnvelope(requestId), extra);
}

/** SSE writing with backpressure: resolves when the socket can take more. */
export class SseWriter {
  constructor(private readonly res: ServerResponse) {}

  start(headers: Record<string, string>): void {
    this.res.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    });
  }

  chunk(chunk: ChatCompletionChunk): Promise<void> {
    return this.#write(`data: ${JSON.stringify(chunk)}\n\n`);
  }

  /** An explicit error event; the stream then ends without [DONE]. */
  error(error: BallastError, requestId: string): void {
    if (this.res.destroyed) return;
    this.res.end(`data: ${JSON.stringify(error.toEnvelope(requestId))}\n\n`);
  }

  /** An SSE comment line: ignored by clients, readable by people and tools. */
  comment(text: string): Promise<void> {
    return this.#write(`: ${text}\n\n`);
  }

  done(): void {
    if (!this.res.destroyed) this.res.end('data: [DONE]\n\n');
  }

  #write(text: string): Promise<void> {
    if (this.res.destroyed) return Promise.resolve();
    if (this.res.write(text)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.once('drain', done);
      this.res.once('close', done);
    });
  }
}
