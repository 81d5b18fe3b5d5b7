/**
 * OpenAI-compatible chat completions: OpenAI itself, OpenRouter, vLLM, Ollama, any
 * server that speaks /chat/completions under its base URL. The canonical shape is this
 * wire format, so translation is small: the deployment's model, and usage requested
 * in the final stream chunk.
 */
import type { ChatCompletion, ChatCompletionChunk, ChatRequest } from '../../../core/chat.js';
import { ProviderError, upstreamText } from '../errors.js';
import { sseEvents } from '../sse.js';
import { Transport, readErrorBody, transportError, type HttpResponse } from '../transport.js';
import type { CallOptions, CompleteResult, LanguageModel, StreamPart, StreamResult } from '../types.js';
import { fromOpenAIUsage } from './convert-openai-usage.js';
import { mapOpenAIError } from './map-openai-error.js';

export interface OpenAIAdapterOptions {
  provider: string;
  baseUrl: string;
  apiKey: () => string;
  /** Every secret the router knows (routerSecrets), cut from what the provider writes; the key sent always is. */
  secrets?: () => readonly string[];
  connections: number;
  streamIdleTimeoutMs: number;
  /** How an OpenAI-compatible server wants to be called; default OpenAI's own. */
  http?: OpenAIHttpHooks;
}

export interface OpenAIHttpHooks {
  /** Under the base URL; default /chat/completions. */
  path: string;
  /** "authorization" sends "Bearer <key>"; any other header carries the key bare. */
  authHeader: string;
  query: Record<string, string>;
  /** Extra headers, read at call time. */
  headers: () => Record<string, string>;
}

const OPENAI_HTTP: OpenAIHttpHooks = { path: '/chat/completions', authHeader: 'authorization', query: {}, headers: () => ({}) };

export class OpenAIAdapter implements LanguageModel {
  readonly kind = 'openai' as const;
  readonly provider: string;
  readonly #transport: Transport;
  readonly #options: OpenAIAdapterOptions;
  readonly #path: string;
  readonly #http: OpenAIHttpHooks;

  constructor(options: OpenAIAdapterOptions) {
    this.provider = options.provider;
    this.#options = options;
    this.#http = options.http ?? OPENAI_HTTP;
    const query = new URLSearchParams(this.#http.query).toString();
    this.#path = query ? `${this.#http.path}?${query}` : this.#http.path;
    this.#transport = new Transport(options.provider, options.baseUrl, options.connections);
  }

  async complete(request: ChatRequest, options: CallOptions): Promise<CompleteResult> {
    const body = { ...request, model: options.model, stream: false };
    delete body.stream_options;
    const { res } = await this.#post(body, options, options.timeoutMs);
    let parsed: ChatCompletion;
    try {
      parsed = (await res.body.json()) as ChatCompletion;
    } catch (err) {
      throw options.signal.aborted
        ? transportError(this.provider, err, options.signal)
        : new ProviderError({ provider: this.provider, code: 'bad_response', message: `${this.provider}: the answer is not valid JSON`, cause: err });
    }
    if (!parsed || typeof parsed !== 'object' || !Array.isArray(parsed.choices) || parsed.choices.length === 0) {
      throw new ProviderError({ provider: this.provider, code: 'bad_response', message: `${this.provider}: the answer has no choices` });
    }
    return { completion: parsed, usage: fromOpenAIUsage(parsed.usage) };
  }

  async stream(request: ChatRequest, options: CallOptions): Promise<StreamResult> {
    const body = { ...request, model: options.model, stream: true, stream_options: { include_usage: true } };
    const { res, key } = await this.#post(body, options, this.#options.streamIdleTimeoutMs);
    return { parts: this.#parts(res, options.signal, key) };
  }

  async #post(body: ChatRequest, options: CallOptions, bodyTimeoutMs: number): Promise<{ res: HttpResponse; key: string }> {
    const key = this.#options.apiKey();
    const auth = this.#http.authHeader === 'authorization' ? { authorization: `Bearer ${key}` } : { [this.#http.authHeader]: key };
    const res = await this.#transport.post(
      this.#path,
      { ...this.#http.headers(), ...auth },
      body,
      { signal: options.signal, headersTimeoutMs: options.timeoutMs, bodyTimeoutMs },
    );
    if (res.status >= 200 && res.status < 300) return { res, key };
    throw mapOpenAIError(this.provider, res.status, await readErrorBody(res), res.headers, this.#secrets(key));
  }

  /** What to cut from the provider's words: the key this call sent, and every key the router knows. */
  #secrets(sentKey: string): string[] {
    return [sentKey, ...(this.#options.secrets?.() ?? [])];
  }

  async *#parts(res: HttpResponse, signal: AbortSignal, key: string): AsyncGenerator<StreamPart> {
    const provider = this.provider;
    try {
      for await (const event of sseEvents(res.body)) {
        if (event.data === '[DONE]') return;
        let chunk: ChatCompletionChunk & { error?: { message?: string } };
        try {
          chunk = JSON.parse(event.data) as typeof chunk;
        } catch {
          yield { type: 'error', error: new ProviderError({ provider, code: 'bad_response', message: `${provider}: a stream event is not valid JSON` }) };
          return;
        }
        if (chunk.error) {
          const said = typeof chunk.error.message === 'string' ? upstreamText(chunk.error.message, this.#secrets(key)) : 'unknown';
          yield { type: 'error', error: new ProviderError({ provider, code: 'server_error', message: `${provider}: stream error: ${said}` }) };
          return;
        }
        if (chunk.usage) yield { type: 'usage', usage: fromOpenAIUsage(chunk.usage) };
        if (!Array.isArray(chunk.choices)) continue;
        const delta = chunk.choices[0]?.delta;
        const hasToken = Boolean(delta && ((typeof delta.content === 'string' && delta.content.length > 0) || (delta.tool_calls && delta.tool_calls.length > 0)));
        yield { type: 'chunk', chunk, hasToken };
      }
      yield { type: 'error', error: new ProviderError({ provider, code: 'stream_cut', message: `${provider}: the stream ended before [DONE]` }) };
    } catch (err) {
      const error = transportError(provider, err, signal);
      yield { type: 'error', error: error.code === 'connection' ? new ProviderError({ provider, code: 'stream_cut', message: `${provider}: the stream broke off (${error.message})`, cause: err }) : error };
    }
  }

  close(): Promise<void> {
    return this.#transport.close();
  }
}
