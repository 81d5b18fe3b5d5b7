/** The OpenAI chat-completions wire format: auth, errors, request parsing. Rendering: openai-render.ts. */
import type { IncomingHttpHeaders } from 'node:http';
import type { ToolChoice } from './answer.js';
import { renderOpenAIJson, renderOpenAIModels, renderOpenAIStream } from './openai-render.js';
import { JSON_HEADERS, isRecord, positiveInt, randomId } from './wire.js';
import type { AuthProblem, Parsed, Reply, Wire } from './wire.js';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

interface ErrorShape {
  type: string;
  code: string | null;
  message: string;
}

const ERRORS: Record<number, ErrorShape> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided' },
  403: { type: 'invalid_request_error', code: 'permission_denied', message: 'You are not allowed to access this resource.' },
  404: { type: 'invalid_request_error', code: 'model_not_found', message: 'The model does not exist or you do not have access to it.' },
  408: { type: 'timeout', code: 'timeout', message: 'Request timed out.' },
  409: { type: 'invalid_request_error', code: 'conflict', message: 'The request conflicts with another request.' },
  413: { type: 'invalid_request_error', code: 'request_too_large', message: 'The request body is too large.' },
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests (emulated). Please try again later.' },
  500: { type: 'server_error', code: 'server_error', message: 'The server had an error while processing your request. Sorry about that!' },
  502: { type: 'server_error', code: 'bad_gateway', message: 'Bad gateway.' },
  503: { type: 'server_error', code: 'overloaded', message: 'The engine is currently overloaded, please try again later.' },
  504: { type: 'server_error', code: 'timeout', message: 'Gateway timeout.' },
  529: { type: 'server_error', code: 'overloaded', message: 'The engine is currently overloaded, please try again later.' },
};

function openAIError(status: number, message?: string, param?: string): Reply {
  const shape = ERRORS[status] ?? {
    type: status >= 500 ? 'server_error' : 'invalid_request_error',
    code: null,
    message: `Emulated error ${status}.`,
  };
  const error = { message: message ?? shape.message, type: shape.type, param: param ?? null, code: shape.code };
  return { status, headers: { ...JSON_HEADERS, 'x-request-id': randomId('req_') }, body: JSON.stringify({ error }) };
}

function authError(problem: AuthProblem): Reply {
  if (problem === 'missing') {
    return openAIError(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    );
  }
  return openAIError(401, 'Incorrect API key provided');
}

function apiKey(headers: IncomingHttpHeaders): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
  const key = match?.[1]?.trim();
  return key ? key : undefined;
}

/** Text of an OpenAI message content: a string or an array of parts. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isRecord(part) && part['type'] === 'text' && typeof part['text'] === 'string' ? part['text'] : ''))
    .filter(Boolean)
    .join('\n');
}

function toolNames(tools: unknown): string[] | undefined {
  if (tools === undefined || tools === null) return [];
  if (!Array.isArray(tools)) return undefined;
  const names: string[] = [];
  for (const tool of tools) {
    const fn = isRecord(tool) ? tool['function'] : undefined;
    if (!isRecord(fn) || typeof fn['name'] !== 'string') return undefined;
    names.push(fn['name']);
  }
  return names;
}

function toolChoice(value: unknown): ToolChoice | undefined {
  if (value === undefined || value === null || value === 'auto') return { kind: 'auto' };
  if (value === 'none') return { kind: 'none' };
  if (value === 'required') return { kind: 'any' };
  const fn = isRecord(value) ? value['function'] : undefined;
  if (isRecord(fn) && typeof fn['name'] === 'string') return { kind: 'tool', name: fn['name'] };
  return undefined;
}

function parse(body: unknown, _headers: IncomingHttpHeaders, provider: string): Parsed {
  const fail = (message: string, param?: string): Parsed => ({ ok: false, reply: openAIError(400, message, param) });
  if (!isRecord(body)) return fail('The request body must be a JSON object.');
  const model = body['model'];
  if (typeof model !== 'string' || model === '') return fail('you must provide a model parameter', 'model');
  const messages = body['messages'];
  if (messages === undefined) return fail("Missing required parameter: 'messages'.", 'messages');
  if (!Array.isArray(messages) || messages.length === 0 || !messages.every(isRecord)) {
    return fail("Invalid 'messages': expected a non-empty array of message objects.", 'messages');
  }
  const maxTokens = positiveInt(body['max_completion_tokens'] ?? body['max_tokens']);
  if (Number.isNaN(maxTokens)) return fail("Invalid 'max_tokens': expected an integer >= 1.", 'max_tokens');
  const tools = toolNames(body['tools']);
  if (!tools) return fail("Invalid 'tools': expected an array of {type:'function', function:{name}}.", 'tools');
  const choice = toolChoice(body['tool_choice']);
  if (!choice) return fail("Invalid 'tool_choice': expected 'none', 'auto', 'required' or {type:'function', function:{name}}.", 'tool_choice');

  let promptChars = JSON.stringify(body['tools'] ?? []).length - 2;
  let promptTokens = body['tools'] ? countTokens(JSON.stringify(body['tools'])) : 0;
  let lastUserText = '';
  for (const message of messages) {
    const text = contentText(message['content']);
    promptChars += text.length;
    promptTokens += countTokens(text);
    if (Array.isArray(message['tool_calls'])) {
      const calls = JSON.stringify(message['tool_calls']);
      promptChars += calls.length;
      promptTokens += countTokens(calls);
    }
    if (message['role'] === 'user') lastUserText = text;
  }
  const streamOptions = body['stream_options'];
  return {
    ok: true,
    request: {
      provider,
      model,
      lastUserText,
      maxTokens,
      tools,
      toolChoice: choice,
      stream: body['stream'] === true,
      includeUsage: isRecord(streamOptions) && streamOptions['include_usage'] === true,
      promptChars: Math.max(0, promptChars),
      promptTokens,
      breakpoints: [],
    },
  };
}

/** OpenAI reports a failure inside a stream as a chunk holding only `error`. */
function streamError(type: string, message: string): string {
  return `data: ${JSON.stringify({ error: { message, type, param: null, code: null } })}\n\n`;
}

export const openaiWire: Wire = {
  name: 'openai',
  apiKey,
  authError,
  error: openAIError,
  streamError,
  parse,
  json: renderOpenAIJson,
  stream: renderOpenAIStream,
  models: renderOpenAIModels,
};
