import { describe, expect, it } from 'vitest';
import { readSse, SseReader } from '../../../../src/app/console/read-sse.js';

const chunk = (content: string, finish: string | null = null) => `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content }, finish_reason: finish }] })}\n\n`;

function bodyOf(pieces: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(c) {
      for (const p of pieces) c.enqueue(enc.encode(p));
      c.close();
    },
  });
}

describe('console SSE reader', () => {
  it('hands each delta over as it arrives, reads the cost comment, completes on [DONE]', async () => {
    const text = chunk('Hello ') + chunk('there') + chunk('', 'stop') + ': x-ballast-cost-usd 0.00002\n\n' + 'data: [DONE]\n\n';
    // split at awkward places: mid-line and mid-event
    const pieces = [text.slice(0, 7), text.slice(7, 60), text.slice(60, 61), text.slice(61)];
    const seen: string[] = [];
    const r = await readSse(bodyOf(pieces), (d) => seen.push(d));
    expect(seen).toEqual(['Hello ', 'there']);
    expect(r).toEqual({ text: 'Hello there', costUsd: 0.00002, complete: true, error: null, finishReason: 'stop' });
  });

  it("an error event ends it with the router's message and is never complete", () => {
    const r = new SseReader();
    r.push(chunk('Half an '));
    r.push('data: {"error":{"message":"The provider\'s stream broke off after it started (cut); the answer is incomplete.","type":"upstream_error","code":"stream_interrupted"}}\n\n');
    expect(r.end()).toMatchObject({ text: 'Half an ', complete: false, error: { code: 'stream_interrupted', message: expect.stringContaining('broke off') } });
  });

  it('a stream without [DONE] is not complete; CRLF framing is read', () => {
    const r = new SseReader();
    r.push(chunk('a').replace(/\n/g, '\r\n'));
    expect(r.end()).toMatchObject({ text: 'a', complete: false, error: null });
  });
});
