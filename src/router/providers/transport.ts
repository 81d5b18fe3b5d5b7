/**
 * One pooled keep-alive connection set per provider (undici), and the mapping of
 * transport failures (refused, reset, timeouts, aborts) to ProviderError.
 */
import { Pool, errors as undiciErrors, type Dispatcher } from 'undici';
import { ProviderError } from './errors.js';

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
}

export interface PostOptions {
  signal: AbortSignal;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

export class Transport {
  readonly #pool: Pool;
  readonly #basePath: string;

  constructor(
    readonly provider: string,
    baseUrl: string,
    connections: number,
  ) {
    const url = new URL(baseUrl);
    this.#basePath = url.pathname.replace(/\/+$/, '');
    this.#pool = new Pool(url.origin, {
      connections,
      keepAliveTimeout: 30_000,
      connect: { timeout: 5_000 },
    });
  }

  /** POSTs JSON; resolves on response headers whatever the status. Throws ProviderError. */
  async post(path: string, headers: Record<string, string>, body: unknown, options: PostOptions): Promise<HttpResponse> {
    // Outside the try: a body that cannot be serialized is ballast's problem, never the provider's connection failing.
    const payload = JSON.stringify(body);
    try {
      const res = await this.#pool.request({
        method: 'POST',
        path: this.#basePath + path,
        headers: { 'content-type': 'application/json', ...headers },
        body: payload,
        signal: options.signal,
        headersTimeout: options.headersTimeoutMs,
        bodyTimeout: options.bodyTimeoutMs,
      });
      return { status: res.statusCode, headers: res.headers, body: res.body };
    } catch (err) {
      throw transportError(this.provider, err, options.signal);
    }
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}

/** Reads an error body (bounded) and hands it to the wire-specific mapper. */
export async function readErrorBody(res: HttpResponse, limit = 64 * 1024): Promise<string> {
  let text = '';
  try {
    for await (const chunk of res.body) {
      text += (chunk as Buffer).toString('utf8');
      if (text.length > limit) {
        res.body.destroy();
        break;
      }
    }
  } catch {
    // A broken error body still leaves the status to go on.
  }
  return text.slice(0, limit);
}

export function transportError(provider: string, err: unknown, signal?: AbortSignal): ProviderError {
  if (err instanceof ProviderError) return err;
  if (signal?.aborted) {
    return new ProviderError({ provider, code: 'aborted', message: `${provider}: call cancelled`, cause: err });
  }
  const e = err as { code?: string; message?: string; name?: string };
  if (err instanceof undiciErrors.HeadersTimeoutError || err instanceof undiciErrors.BodyTimeoutError || e.code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new ProviderError({ provider, code: 'timeout', message: `${provider}: ${e.message ?? 'timed out'}`, cause: err });
  }
  if (e.name === 'AbortError') {
    return new ProviderError({ provider, code: 'aborted', message: `${provider}: call cancelled`, cause: err });
  }
  return new ProviderError({
    provider,
    code: 'connection',
    message: `${provider}: connection failed (${e.code ?? e.message ?? 'unknown error'})`,
    cause: err,
  });
}

