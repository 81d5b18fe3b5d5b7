/**
 * Reads a copy of an OpenAI-style SSE stream and assembles the completion it carried,
 * for the write-through. Only a stream that ended with `data: [DONE]` and no error
 * event counts as an answer.
 */
import type { ChatCompletion, ChatCompletionChunk, OpenAIUsage } from '../src/core/chat.js';
import { chunksToCompletion } from '../src/core/replay.js';

export interface AssembledStream {
  completion: ChatCompletion | null;
  /** From the `: x-ballast-cost-usd N` comment the router sends before [DONE]. */
  costUsd: number | null;
  /** True when the stream ended with [DONE] and carried no error event. */
  complete: boolean;
}

export class SseAssembler {
  private buffer = '';
  private readonly chunks: ChatCompletionChunk[] = [];
  private usage: OpenAIUsage | null = null;
  private costUsd: number | null = null;
  private done = false;
  private failed = false;

  push(text: string): void {
    this.buffer += text.replace(/\r\n?/g, '\n');
    let cut: number;
    while ((cut = this.buffer.indexOf('\n\n')) >= 0) {
      this.event(this.buffer.slice(0, cut));
      this.buffer = this.buffer.slice(cut + 2);
    }
  }

  private event(block: string): void {
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        const m = /^:\s*x-ballast-cost-usd\s+([0-9.eE+-]+)/.exec(line);
        if (m) this.costUsd = Number(m[1]);
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).replace(/^ /, ''));
      }
    }
    if (data.length === 0) return;
    const payload = data.join('\n');
    if (payload === '[DONE]') {
      this.done = true;
      return;
    }
    try {
      const parsed = JSON.parse(payload) as ChatCompletionChunk & { error?: unknown };
      if (parsed.error !== undefined) this.failed = true;
      else if (parsed.object === 'chat.completion.chunk') {
        if (parsed.usage) this.usage = parsed.usage;
        if (parsed.choices.length > 0) this.chunks.push(parsed);
      }
    } catch {
      this.failed = true;
    }
  }

  finish(): AssembledStream {
    if (this.buffer.trim() !== '') this.event(this.buffer);
    this.buffer = '';
    const completion = chunksToCompletion(this.chunks);
    if (completion && this.usage) completion.usage = this.usage;
    const complete = this.done && !this.failed && completion !== null;
    return { completion: complete ? completion : null, costUsd: this.costUsd, complete };
  }
}

/** Reads a whole byte stream through an assembler. */
export async function assembleStream(stream: ReadableStream<Uint8Array>): Promise<AssembledStream> {
  const assembler = new SseAssembler();
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      assembler.push(decoder.decode(value, { stream: true }));
    }
    assembler.push(decoder.decode());
  } catch {
    // the copy broke off: whatever arrived is not a complete answer
    return { completion: null, costUsd: null, complete: false };
  }
  return assembler.finish();
}
