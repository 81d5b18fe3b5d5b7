/**
 * The one HTTP call every notifier makes: POST JSON, read a bounded answer, map
 * failures to NotifierError. Nothing secret reaches an error message: not the URL (a
 * Slack hook's path is its token), not a header, and any secret the receiver echoes
 * back in its error body is cut out, along with anything shaped like a credential.
 */
import { request, errors as undiciErrors } from 'undici';
import { scrubbedExcerpt } from '../secrets/scrub.js';
import { NotifierError, codeForStatus } from './notifier-error.js';

export interface PostJsonOptions {
  notifier: string;
  url: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  /** Values to cut out of anything the receiver answers (routing key, token, header values). */
  secrets: readonly string[];
}

/** Characters of a receiver's error body kept in a message (the log, alerts.db). */
const ERROR_BODY_LIMIT = 300;
/**
 * Characters read before scrubbing: scrubbing must see every secret whole, so it reads
 * well past the limit (a secret straddling the read bound ends far beyond the cut).
 */
const ERROR_BODY_READ = 16 * 1024;

/** Resolves on a 2xx; throws NotifierError otherwise. */
export async function postJson(options: PostJsonOptions, body: unknown): Promise<void> {
  const { notifier } = options;
  let res: Awaited<ReturnType<typeof request>>;
  try {
    res = await request(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'ballast-alerting', ...options.headers },
      body: JSON.stringify(body),
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (err) {
    throw transportError(notifier, err, options.timeoutMs);
  }
  if (res.statusCode >= 200 && res.statusCode < 300) {
    await res.body.dump().catch(() => undefined);
    return;
  }
  // Scrub, then cut: cutting first left a secret's first characters behind (issue #11).
  const text = scrubbedExcerpt(await readBounded(res.body, ERROR_BODY_READ), options.secrets, ERROR_BODY_LIMIT);
  const status = res.statusCode;
  const hint = status >= 300 && status < 400 ? ' (a redirect: point the notifier at the final URL)' : '';
  throw new NotifierError({
    notifier,
    code: codeForStatus(status),
    status,
    retryAfterMs: retryAfterMs(res.headers['retry-after']),
    message: `${notifier}: HTTP ${status}${hint}${text === '' ? '' : `: ${text}`}`,
  });
}

function transportError(notifier: string, err: unknown, timeoutMs: number): NotifierError {
  const e = err as { code?: string; name?: string };
  if (
    err instanceof undiciErrors.HeadersTimeoutError ||
    err instanceof undiciErrors.BodyTimeoutError ||
    err instanceof undiciErrors.ConnectTimeoutError ||
    e.name === 'TimeoutError' ||
    e.name === 'AbortError'
  ) {
    return new NotifierError({ notifier, code: 'timeout', message: `${notifier}: no answer within ${timeoutMs} ms` });
  }
  if (err instanceof undiciErrors.InvalidArgumentError || err instanceof TypeError) {
    return new NotifierError({ notifier, code: 'not_configured', message: `${notifier}: the URL or a header is not valid (${e.code ?? 'invalid'})` });
  }
  // Only the error code: undici's messages name the address, and a URL may hold a token.
  const code = e.code ?? (err as { cause?: { code?: string } }).cause?.code ?? 'unknown error';
  return new NotifierError({ notifier, code: 'connection', message: `${notifier}: connection failed (${code})` });
}

async function readBounded(body: AsyncIterable<unknown> & { destroy(): unknown }, limit: number): Promise<string> {
  let text = '';
  try {
    for await (const chunk of body) {
      text += String(chunk);
      if (text.length > limit) {
        body.destroy();
        break;
      }
    }
  } catch {
    // The status alone says enough.
  }
  return text.slice(0, limit);
}

function retryAfterMs(value: string | string[] | undefined): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v) * 1000;
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
