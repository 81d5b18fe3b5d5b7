/**
 * A stored answer replayed as a proper stream: the chunks a provider would have sent
 * (role, content in pieces, tool calls, finish), so a cached answer to a streaming
 * request looks like any other stream to the client. Shared by the router and the worker.
 */
import type { ChatCompletion, ChatCompletionChunk } from './chat.js';

/** Splits text into pieces of about `size` characters at word boundaries. */
function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > size) {
    let cut = rest.lastIndexOf(' ', size);
    if (cut <= 0) cut = size;
    out.push(rest.slice(0, cut + (rest[cut] === ' ' ? 1 : 0)));
    rest = rest.slice(out[out.length - 1]!.length);
  }
  if (rest.length > 0) out.push(rest);
  return out;
}

export function completionToChunks(c: ChatCompletion, pieceSize = 64): ChatCompletionChunk[] {
  const base = { id: c.id, object: 'chat.completion.chunk' as const, created: c.created, model: c.model };
  const choice = c.choices[0];
  const chunks: ChatCompletionChunk[] = [{ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }];
  for (const text of pieces(choice?.message.content ?? '', pieceSize)) {
    chunks.push({ ...base, choices: [{ index: 0, delta: { content: text }, finish_reason: null }] });
  }
  choice?.message.tool_calls?.forEach((call, index) => {
    chunks.push({
      ...base,
      choices: [{ index: 0, delta: { tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: call.function.arguments } }] }, finish_reason: null }],
    });
  });
  chunks.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: choice?.finish_reason ?? 'stop' }] });
  return chunks;
}

/** Reassembles a completion from stream chunks (for writing a streamed answer through to a cache). */
export function chunksToCompletion(chunks: ChatCompletionChunk[]): ChatCompletion | null {
  const first = chunks[0];
  if (!first) return null;
  let content = '';
  let finish: ChatCompletion['choices'][number]['finish_reason'] = null;
  const calls: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }> = [];
  for (const ch of chunks) {
    const choice = ch.choices[0];
    if (!choice) continue;
    if (typeof choice.delta.content === 'string') content += choice.delta.content;
    for (const t of choice.delta.tool_calls ?? []) {
      const call = (calls[t.index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } });
      if (t.id) call.id = t.id;
      if (t.function?.name) call.function.name += t.function.name;
      if (t.function?.arguments) call.function.arguments += t.function.arguments;
    }
    if (choice.finish_reason) finish = choice.finish_reason;
  }
  return {
    id: first.id,
    object: 'chat.completion',
    created: first.created,
    model: first.model,
    choices: [{ index: 0, message: { role: 'assistant', content: calls.length > 0 && content === '' ? null : content, ...(calls.length > 0 ? { tool_calls: calls } : {}) }, finish_reason: finish }],
  };
}
