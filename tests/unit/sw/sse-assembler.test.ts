import { describe, expect, it } from 'vitest';
import { completionToChunks } from '../../../src/core/replay.js';
import { replaySse } from '../../../sw/cached-response.js';
import { SseAssembler, assembleStream } from '../../../sw/sse-assembler.js';
import { completion } from './helpers.js';

const frame = (o: unknown) => `data: ${JSON.stringify(o)}\n\n`;

function streamOf(text: string, pieces = 7): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const size = Math.ceil(bytes.length / pieces);
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i >= bytes.length) controller.close();
      else {
        controller.enqueue(bytes.slice(i, i + size));
        i += size;
      }
    },
  });
}

describe('SSE assembly for the write-through', () => {
  it('reassembles the router stream, with its cost comment, split at any byte', async () => {
    const c = completion('Emulated answer: calm water with measured words for every request, steady ballast keeps the answer level while providers drift — é ü 字');
    const text = completionToChunks(c, 8).map(frame).join('') + ': x-ballast-cost-usd 0.0000441\n\ndata: [DONE]\n\n';
    const got = await assembleStream(streamOf(text, 13));
    expect(got.complete).toBe(true);
    expect(got.costUsd).toBeCloseTo(0.0000441, 10);
    expect(got.completion?.choices[0]?.message.content).toBe(c.choices[0]?.message.content);
    expect(got.completion?.choices[0]?.finish_reason).toBe('stop');
    expect(got.completion?.id).toBe(c.id);
  });

  it('keeps the usage chunk and handles CRLF line endings', () => {
    const c = completion('hi');
    const a = new SseAssembler();
    const usage = { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 };
    const text = completionToChunks(c).map(frame).join('') + frame({ id: c.id, object: 'chat.completion.chunk', created: c.created, model: c.model, choices: [], usage }) + 'data: [DONE]\n\n';
    a.push(text.replace(/\n/g, '\r\n'));
    const got = a.finish();
    expect(got.complete).toBe(true);
    expect(got.completion?.usage).toEqual(usage);
    expect(got.costUsd).toBeNull();
  });

  it('does not count a stream without [DONE] or with an error event as an answer', () => {
    const c = completion('partial answer');
    const chunks = completionToChunks(c).map(frame);
    const truncated = new SseAssembler();
    truncated.push(chunks.slice(0, 2).join(''));
    expect(truncated.finish()).toMatchObject({ complete: false, completion: null });

    const broken = new SseAssembler();
    broken.push(chunks.slice(0, 2).join('') + frame({ error: { message: 'broke off', code: 'stream_interrupted' } }) + 'data: [DONE]\n\n');
    expect(broken.finish()).toMatchObject({ complete: false, completion: null });
  });

  it('a replayed answer reassembles to the same completion and ends with [DONE]', async () => {
    const c = completion('A stored answer replayed as a proper stream, piece by piece, exactly as it was.');
    const sse = replaySse(c, true);
    expect(sse.endsWith('data: [DONE]\n\n')).toBe(true);
    const got = await assembleStream(streamOf(sse, 5));
    expect(got.complete).toBe(true);
    expect(got.completion?.choices).toEqual(c.choices);
    expect(got.completion?.usage).toEqual(c.usage);
    expect(got.costUsd).toBe(0);
  });
});
