/** The Anthropic Messages wire format: auth, errors, request parsing. Rendering: anthropic-render.ts. */
import type { IncomingHttpHeaders } from 'node:http';
import type { ToolChoice } from './answer.js';
import { renderAnthropicJson, renderAnthropicModels, renderAnthropicStream } from './anthropic-render.js';
import { PrefixHasher } from './prompt-cache.js';
import { JSON_HEADERS, isRecord, positiveInt, randomId } from './wire.js';
import type { AuthProblem, Parsed, Reply, Wire } from './wire.js';

const ERROR_TYPES: Record<number, [type: string, message: string]> = {
  400: ['invalid_request_error', 'Invalid request.'],
  401: ['authentication_error', 'invalid x-api-key'],
  402: ['billing_error', 'Your credit balance is too low to access the Anthropic API.'],
  403: ['permission_error', 'Your API key does not have permission to use the specified resource.'],
  404: ['not_found_error', 'The requested resource could not be found.'],
  408: ['timeout_error', 'Request timed out.'],
  413: ['request_too_large', 'Request exceeds the maximum allowed number of bytes.'],
  429: ['rate_limit_error', 'Number of requests has exceeded your rate limit (emulated).'],
  500: ['api_error', 'Internal server error'],
  503: ['overloaded_error', 'Overloaded'],
  504: ['timeout_error', 'Request timed out.'],
  529: ['overloaded_error', 'Overloaded'],
};

function anthropicError(status: number, message?: string): Reply {
  const [type, fallback] = ERROR_TYPES[status] ?? [
    status >= 500 ? 'api_error' : 'invalid_request_error',
    `Emulated error ${status}.`,
  ];
  const requestId = randomId('req_');
  const body = { type: 'error', error: { type, message: message ?? fallback }, request_id: requestId };
  return { status, headers: { ...JSON_HEADERS, 'request-id': requestId }, body: JSON.stringify(body) };
}

function authError(problem: AuthProblem): Reply {
  return anthropicError(401, problem === 'missing' ? 'x-api-key header is required' : 'invalid x-api-key');
}

function apiKey(headers: IncomingHttpHeaders): string | undefined {
  const value = headers['x-api-key'];
  const key = (Array.isArray(value) ? value[0] : value)?.trim();
  return key ? key : undefined;
}

function blockChars(block: Record<string, unknown>): number {
  switch (block['type']) {
    case 'text':
      return typeof block['text'] === 'string' ? block['text'].length : 0;
    case 'tool_use':
      return JSON.stringify(block['input'] ?? {}).length;
    case 'tool_result':
      return textOf(block['content']).length;
    default:
      return 0;
  }
}

/** Text of a string or of an array of content blocks (text blocks only). */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((block) => (isRecord(block) && block['type'] === 'text' && typeof block['text'] === 'string' ? block['text'] : ''))
    .filter(Boolean)
    .join('\n');
}

function lastUserText(content: unknown): string {
  const text = textOf(content);
  if (text || !Array.isArray(content)) return text;
  // A user turn made only of tool results still says something.
  return content.map((block) => (isRecord(block) && block['type'] === 'tool_result' ? textOf(block['content']) : '')).join('\n');
}

function toolChoice(value: unknown): ToolChoice | undefined {
  if (value === undefined || value === null) return { kind: 'auto' };
  if (!isRecord(value)) return undefined;
  const type = value['type'];
  if (type === 'auto' || type === 'none' || type === 'any') return { kind: type };
  if (type === 'tool' && typeof value['name'] === 'string') return { kind: 'tool', name: value['name'] };
  return undefined;
}

/** Drops cache_control so a marked and an unmarked copy of a block hash alike. */
function identity(block: Record<string, unknown>): Record<string, unknown> {
  const { cache_control: _ignored, ...rest } = block;
  return rest;
}

function parse(body: unknown, headers: IncomingHttpHeaders, provider: string): Parsed {
  const fail = (message: string): Parsed => ({ ok: false, reply: anthropicError(400, message) });
  if (!headers['anthropic-version']) return fail('anthropic-version: header is required');
  if (!isRecord(body)) return fail('The request body must be a JSON object.');
  const model = body['model'];
  if (typeof model !== 'string' || model === '') return fail('model: Field required');
  const messages = body['messages'];
  if (messages === undefined) return fail('messages: Field required');
  if (!Array.isArray(messages) || messages.length === 0 || !messages.every(isRecord)) {
    return fail('messages: Input should be a non-empty list of message objects');
  }
  if (body['max_tokens'] === undefined) return fail('max_tokens: Field required');
  const maxTokens = positiveInt(body['max_tokens']);
  if (maxTokens === undefined || Number.isNaN(maxTokens)) return fail('max_tokens: Input should be an integer >= 1');
  const tools = body['tools'] ?? [];
  if (!Array.isArray(tools) || !tools.every((t) => isRecord(t) && typeof t['name'] === 'string')) {
    return fail('tools: Input should be a list of tool objects with a name');
  }
  const choice = toolChoice(body['tool_choice']);
  if (!choice) return fail("tool_choice: Input should be {type:'auto'|'any'|'none'} or {type:'tool', name}");

  // Cache prefix order is tools, then system, then messages.
  const hasher = new PrefixHasher(model);
  for (const tool of tools as Array<Record<string, unknown>>) {
    hasher.add({ tool: identity(tool) }, JSON.stringify(identity(tool)).length, tool['cache_control']);
  }
  const system = body['system'];
  if (typeof system === 'string') hasher.add({ system }, system.length, undefined);
  else if (Array.isArray(system)) {
    for (const block of system.filter(isRecord)) hasher.add({ system: identity(block) }, blockChars(block), block['cache_control']);
  }
  let userText = '';
  for (const message of messages) {
    const role = message['role'];
    const content = message['content'];
    if (role === 'user') userText = lastUserText(content);
    if (typeof content === 'string') hasher.add({ role, text: content }, content.length, undefined);
    else if (Array.isArray(content)) {
      for (const block of content.filter(isRecord)) hasher.add({ role, block: identity(block) }, blockChars(block), block['cache_control']);
    }
  }
  return {
    ok: true,
    request: {
      provider,
      model,
      lastUserText: userText,
      maxTokens,
      tools: tools.map((t) => String((t as Record<string, unknown>)['name'])),
      toolChoice: choice,
      stream: body['stream'] === true,
      includeUsage: false,
      promptChars: hasher.chars,
      breakpoints: hasher.breakpoints,
    },
  };
}

function streamError(type: string, message: string): string {
  return `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type, message } })}\n\n`;
}

export const anthropicWire: Wire = {
  name: 'anthropic',
  apiKey,
  authError,
  error: (status, message) => anthropicError(status, message),
  streamError,
  parse,
  json: renderAnthropicJson,
  stream: renderAnthropicStream,
  models: renderAnthropicModels,
};
