/**
 * Anthropic Messages API behind the canonical interface. Translation lives in the
 * convert-* files beside this one; this file only calls the API and wires them up.
 */
import type { ChatRequest } from '../../../core/chat.js';
import { ProviderError } from '../errors.js';
import { sseEvents } from '../sse.js';
import { Transport, readErrorBody, transportError, type HttpResponse } from '../transport.js';
import type { CallOptions, CompleteResult, LanguageModel, StreamPart, StreamResult } from '../types.js';
import { toAnthropicRequest } from './convert-to-anthropic-request.js';
import { fromAnthropicResponse } from './convert-from-anthropic-response.js';
import { createAnthropicStreamConverter } from './anthropic-stream-converter.js';
import { mapAnthropicError } from './map-anthropic-error.js';

export const ANTHROPIC_VERSION = '2023-06-01';

export interface AnthropicAdapterOptions {
  provider: string;
  baseUrl: string;
  apiKey: () => string;
  /** Every secret the router knows (routerSecrets), cut from what the provider writes; the key sent always is. */
  secrets?: () => readonly string[];
  connections: number;
  streamIdleTimeoutMs: number;
  cacheTtl?: '5m' | '1h' | undefined;
}

export class AnthropicAdapter implements LanguageModel {
  readonly kind = 'anthropic' as const;
  readonly provider: string;
  readonly #transport: Transport;
  readonly #options: AnthropicAdapterOptions;

  constructor(options: AnthropicAdapterOptions) {
    this.provider = options.provider;
    this.#options = options;
    this.#transport = new Transport(options.provider, options.baseUrl.replace(/\/v1\/?$/, ''), options.connections);
  }

  async complete(request: ChatRequest, options: CallOptions): Promise<CompleteResult> {
    const { res } = await this.#post(request, options, false, options.timeoutMs);
    let body: unknown;
    try {
      body = await res.body.json();
    } catch (err) {
      throw options.signal.aborted
        ? transportError(this.provider, err, options.signal)
        : new ProviderError({ provider: this.provider, code: 'bad_response', message: `${this.provider}: the answer is not valid JSON`, cause: err });
    }
    return fromAnthropicResponse(body, { provider: this.provider, requestModel: options.model });
  }

  async stream(request: ChatRequest, options: CallOptions): Promise<StreamResult> {
    const { res, key } = await this.#post(request, options, true, this.#options.streamIdleTimeoutMs);
    return { parts: this.#parts(res, options.signal, key) };
  }

  async #post(request: ChatRequest, options: CallOptions, stream: boolean, bodyTimeoutMs: number): Promise<{ res: HttpResponse; key: string }> {
    const ttl = options.cacheTtl ?? this.#options.cacheTtl;
    const { body, headers } = toAnthropicRequest(request, { model: options.model, stream, ...(ttl ? { cacheTtl: ttl } : {}) });
    const key = this.#options.apiKey();
    const res = await this.#transport.post(
      '/v1/messages',
      { 'x-api-key': key, 'anthropic-version': ANTHROPIC_VERSION, ...headers },
      body,
      { signal: options.signal, headersTimeoutMs: options.timeoutMs, bodyTimeoutMs },
    );
    if (res.status >= 200 && res.status < 300) return { res, key };
    throw mapAnthropicError(this.provider, res.status, await readErrorBody(res), res.headers, this.#secrets(key));
  }

  /** What to cut from the provider's words: the key this call sent, and every key the router knows. */
  #secrets(sentKey: string): string[] {
    return [sentKey, ...(this.#options.secrets?.() ?? [])];
  }

  async *#parts(res: HttpResponse, signal: AbortSignal, key: string): AsyncGenerator<StreamPart> {
    const provider = this.provider;
    const converter = createAnthropicStreamConverter({ provider, secrets: () => this.#secrets(key) });
    try {
      for await (const event of sseEvents(res.body)) {
        for (const part of converter.push(event.event ?? 'message', event.data)) {
          yield part;
          if (part.type === 'error' || part.type === 'usage') return; // usage comes with message_stop: the end
        }
      }
      yield* converter.finish();
    } catch (err) {
      const error = transportError(provider, err, signal);
      yield { type: 'error', error: error.code === 'connection' ? new ProviderError({ provider, code: 'stream_cut', message: `${provider}: the stream broke off (${error.message})`, cause: err }) : error };
    }
  }

  close(): Promise<void> {
    return this.#transport.close();
  }
}
