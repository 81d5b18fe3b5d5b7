/**
 * Reads a chat-completions SSE body as it arrives: each content delta goes to
 * `onText` at once, the router's `: x-ballast-cost-usd N` comment gives the cost, and
 * only `data: [DONE]` makes the answer complete. An error event ends it with the
 * router's message (see docs/api.md, "Streams").
 */

export interface SseResult {
  text: string;
  costUsd: number | null;
  /** The stream ended with data: [DONE] and no error event. */
  complete: boolean;
  /** The error event's message, when the stream broke off. */
  error: { message: string; code: string | null } | null;
  finishReason: string | null;
}

interface ChunkShape {
  choices?: Array<{ delta?: { content?: string | null }; finish_reason?: string | null }>;
  error?: { message?: string; code?: string | null };
}

/** Parses SSE text fed in arbitrary pieces. */
export class SseReader {
  private buffer = '';
  readonly result: SseResult = { text: '', costUsd: null, complete: false, error: null, finishReason: null };

  constructor(private readonly onText: (delta: string) => void = () => undefined) {}

  push(piece: string): void {
    this.buffer += piece.replace(/\r\n?/g, '\n');
    let cut: number;
    while ((cut = this.buffer.indexOf('\n\n')) >= 0) {
      this.event(this.buffer.slice(0, cut));
      this.buffer = this.buffer.slice(cut + 2);
    }
  }

  /** Flushes what is left (a last event without its blank line). */
  end(): SseResult {
    if (this.buffer.trim() !== '') this.event(this.buffer);
    this.buffer = '';
    return this.result;
  }

  private event(block: string): void {
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        const m = /^:\s*x-ballast-cost-usd\s+([0-9.eE+-]+)/.exec(line);
        if (m) this.result.costUsd = Number(m[1]);
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).replace(/^ /, ''));
      }
    }
    if (data.length === 0) return;
    const payload = data.join('\n');
    if (payload === '[DONE]') {
      this.result.complete = this.result.error === null;
      return;
    }
    let chunk: ChunkShape;
    try {
      chunk = JSON.parse(payload) as ChunkShape;
    } catch {
      this.result.error = { message: 'The stream carried an event that is not JSON; the answer is incomplete.', code: 'malformed_event' };
      return;
    }
    if (chunk.error) {
      this.result.error = { message: chunk.error.message ?? 'The stream ended with an error.', code: chunk.error.code ?? null };
      return;
    }
    const choice = chunk.choices?.[0];
    const delta = choice?.delta?.content;
    if (typeof delta === 'string' && delta !== '') {
      this.result.text += delta;
      this.onText(delta);
    }
    if (choice?.finish_reason) this.result.finishReason = choice.finish_reason;
  }
}

/**
 * Reads a whole SSE body, calling `onText` per delta.
 *
 * @example
 *   const r = await readSse(res.body, (d) => setText((t) => t + d));
 */
export async function readSse(body: ReadableStream<Uint8Array>, onText: (delta: string) => void): Promise<SseResult> {
  const reader = new SseReader(onText);
  const decoder = new TextDecoder();
  const r = body.getReader();
  for (;;) {
    const { done, value } = await r.read();
    if (done) break;
    reader.push(decoder.decode(value, { stream: true }));
  }
  reader.push(decoder.decode());
  return reader.end();
}
