/**
 * The first-token gate: a stream counts as started only when its first real token
 * arrives, within `gateMs` of sending the request. Until then nothing has been sent
 * to the client, so a stalled provider can still be failed over invisibly.
 */
import type { LanguageModel, CallOptions, StreamPart } from '../providers/types.js';
import type { ChatRequest } from '../../core/chat.js';
import { ProviderError } from '../providers/errors.js';
import { linkedAbort } from './linked-abort.js';

export interface OpenedStream {
  /** Parts up to and including the first token (role chunk, usage...). */
  head: StreamPart[];
  /** The rest of the stream; ends after the terminal event or with an error part. */
  rest: AsyncIterator<StreamPart>;
}

class GateExpired extends Error {}

export async function openGatedStream(
  model: LanguageModel,
  request: ChatRequest,
  options: Omit<CallOptions, 'signal'>,
  signal: AbortSignal,
  gateMs: number,
): Promise<OpenedStream> {
  const gate = linkedAbort(signal);
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    gate.abort(new GateExpired());
  }, gateMs);
  try {
    const { parts } = await model.stream(request, { ...options, signal: gate.signal });
    const rest = parts[Symbol.asyncIterator]();
    const head: StreamPart[] = [];
    for (;;) {
      const next = await rest.next();
      if (next.done) return { head, rest }; // a complete answer with no token at all
      const part = next.value;
      if (part.type === 'error') throw part.error;
      head.push(part);
      if (part.type === 'chunk' && part.hasToken) return { head, rest };
    }
  } catch (err) {
    if (expired && !signal.aborted) {
      throw new ProviderError({
        provider: model.provider,
        code: 'first_token_timeout',
        message: `${model.provider}: no first token within ${gateMs} ms`,
        cause: err,
      });
    }
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
