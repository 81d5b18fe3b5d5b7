/**
 * Token bounds that need no tokenizer. Byte-level BPE tokenizers (OpenAI's, Anthropic's)
 * never make a token of less than one byte, so the UTF-8 size of the text bounds the
 * token count from above; a fixed allowance covers the per-message and tool framing.
 */
import type { ChatMessage, ChatRequest } from './chat.js';

/** Framing tokens per message (role, separators) and per request (reply priming). */
export const TOKENS_PER_MESSAGE = 4;
export const TOKENS_PER_REQUEST = 8;
/** Providers add a tool-use system prompt when tools are present (Anthropic: up to ~350). */
export const TOKENS_FOR_TOOLS = 400;

const encoder = new TextEncoder();
let scratch = new Uint8Array(64 * 1024);

/** UTF-8 byte length. encodeInto into a reused buffer is native-fast and allocates nothing. */
export function utf8Length(s: string): number {
  if (s.length * 3 > scratch.length) scratch = new Uint8Array(s.length * 3);
  return encoder.encodeInto(s, scratch).written;
}

/** The text of a message that a tokenizer sees: content, tool calls, names. */
export function messageText(m: ChatMessage): string {
  let text = '';
  if (typeof m.content === 'string') text = m.content;
  else if (Array.isArray(m.content)) for (const p of m.content) if (p.type === 'text') text += p.text;
  if (m.tool_calls) for (const c of m.tool_calls) text += c.function.name + c.function.arguments;
  if (m.name) text += m.name;
  return text;
}

/**
 * The most input tokens any provider bills for one image: OpenAI's gpt-4o-mini at high
 * detail, 2,833 base + 5,667 per 512 px tile, 8 tiles after scaling to fit 2048 x 768
 * (https://platform.openai.com/docs/guides/images-vision#calculating-costs).
 */
export const IMAGE_TOKENS_ANY_PROVIDER = 2_833 + 8 * 5_667;

/** The image parts of a message. */
export function imageCount(m: ChatMessage): number {
  if (!Array.isArray(m.content)) return 0;
  let n = 0;
  for (const p of m.content) if (p.type === 'image_url') n++;
  return n;
}

/** An upper bound on input tokens, whatever the tokenizer and provider, images included. */
export function upperBoundInputTokens(request: Pick<ChatRequest, 'messages' | 'tools'>): number {
  let n = TOKENS_PER_REQUEST;
  for (const m of request.messages) n += utf8Length(messageText(m)) + TOKENS_PER_MESSAGE + imageCount(m) * IMAGE_TOKENS_ANY_PROVIDER;
  if (request.tools && request.tools.length > 0) n += utf8Length(JSON.stringify(request.tools)) + TOKENS_FOR_TOOLS;
  return n;
}

/** The output bound a request asks for, if any. */
export function requestedMaxOutput(request: ChatRequest): number | undefined {
  const v = request.max_completion_tokens ?? request.max_tokens;
  return typeof v === 'number' ? v : undefined;
}
