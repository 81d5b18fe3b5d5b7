import type { ChatMessage, ContentPart, ToolCall } from '../../../core/chat.js';
import type {
  AnthropicContentBlock,
  AnthropicImageBlock,
  AnthropicMessage,
  AnthropicTextBlock,
  AnthropicToolResultBlock,
  AnthropicToolUseBlock,
} from './anthropic-api.js';
import { AnthropicConversionError } from './anthropic-conversion-error.js';
import { toAnthropicImage } from './convert-image-url.js';

export interface AnthropicPrompt {
  system: AnthropicTextBlock[];
  messages: AnthropicMessage[];
}

/**
 * Splits OpenAI messages into Anthropic's top-level `system` blocks and alternating
 * user/assistant turns: system and developer messages are hoisted in order, tool
 * results become user turns, and consecutive turns of one role are merged.
 */
export function convertToAnthropicMessages(messages: readonly ChatMessage[]): AnthropicPrompt {
  const system: AnthropicTextBlock[] = [];
  const turns: AnthropicMessage[] = [];
  messages.forEach((message, i) => {
    const where = `messages[${i}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(...convertParts(toParts(message.content, where), where, false).map(asText(where)));
        return;
      case 'user':
        appendTurn(turns, 'user', convertParts(toParts(message.content, where), where, true));
        return;
      case 'assistant':
        appendTurn(turns, 'assistant', toAssistantBlocks(message, where));
        return;
      case 'tool':
        appendTurn(turns, 'user', [toToolResult(message, where)]);
        return;
      default:
        throw new AnthropicConversionError(`${where}: role ${String(message.role)} is not supported`);
    }
  });
  if (turns.length === 0) {
    throw new AnthropicConversionError('the request needs at least one user or assistant message');
  }
  return { system, messages: turns.map(toolResultsFirst) };
}

function appendTurn(turns: AnthropicMessage[], role: AnthropicMessage['role'], blocks: AnthropicContentBlock[]): void {
  if (blocks.length === 0) return;
  const last = turns.at(-1);
  if (last?.role === role) last.content.push(...blocks);
  else turns.push({ role, content: blocks });
}

// Anthropic wants the tool_result blocks of a user turn before any other content.
function toolResultsFirst(turn: AnthropicMessage): AnthropicMessage {
  if (turn.role !== 'user') return turn;
  const results = turn.content.filter((block) => block.type === 'tool_result');
  if (results.length === 0) return turn;
  return { role: 'user', content: [...results, ...turn.content.filter((block) => block.type !== 'tool_result')] };
}

function toParts(content: ChatMessage['content'], where: string): ContentPart[] {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) {
    throw new AnthropicConversionError(`${where}: content must be a string or an array of parts`);
  }
  return content;
}

function convertParts(
  parts: readonly ContentPart[],
  where: string,
  allowImages: boolean,
): Array<AnthropicTextBlock | AnthropicImageBlock> {
  const blocks: Array<AnthropicTextBlock | AnthropicImageBlock> = [];
  for (const part of parts) {
    if (part.type === 'text') {
      // Anthropic rejects empty text blocks, with or without cache_control.
      if (part.text === '') continue;
      const block: AnthropicTextBlock = { type: 'text', text: part.text };
      if (part.cache_control) block.cache_control = { ...part.cache_control };
      blocks.push(block);
    } else if (part.type === 'image_url') {
      if (!allowImages) {
        throw new AnthropicConversionError(`${where}: images are only allowed in user and tool messages`);
      }
      blocks.push(toAnthropicImage(part.image_url.url));
    } else {
      const type = String((part as { type?: unknown }).type);
      throw new AnthropicConversionError(`${where}: content part type ${type} is not supported by Anthropic`);
    }
  }
  return blocks;
}

function asText(where: string) {
  return (block: AnthropicTextBlock | AnthropicImageBlock): AnthropicTextBlock => {
    if (block.type !== 'text') throw new AnthropicConversionError(`${where}: system content must be text`);
    return block;
  };
}

function toAssistantBlocks(message: ChatMessage, where: string): AnthropicContentBlock[] {
  const blocks: AnthropicContentBlock[] = convertParts(toParts(message.content, where), where, false);
  for (const call of message.tool_calls ?? []) blocks.push(toToolUse(call));
  return blocks;
}

function toToolUse(call: ToolCall): AnthropicToolUseBlock {
  return { type: 'tool_use', id: call.id, name: call.function.name, input: parseArguments(call) };
}

function parseArguments(call: ToolCall): Record<string, unknown> {
  const raw = call.function.arguments;
  // Some clients send '' for a call without arguments; Anthropic needs an object.
  if (raw.trim() === '') return {};
  const label = `tool call ${call.id} (${call.function.name})`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (cause) {
    throw new AnthropicConversionError(`${label}: function.arguments is not valid JSON`, { cause });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AnthropicConversionError(`${label}: function.arguments must be a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

function toToolResult(message: ChatMessage, where: string): AnthropicToolResultBlock {
  if (!message.tool_call_id) {
    throw new AnthropicConversionError(`${where}: a tool message needs tool_call_id`);
  }
  const block: AnthropicToolResultBlock = { type: 'tool_result', tool_use_id: message.tool_call_id };
  if (typeof message.content === 'string') {
    if (message.content !== '') block.content = message.content;
  } else {
    const parts = convertParts(toParts(message.content, where), where, true);
    if (parts.length > 0) block.content = parts;
  }
  return block;
}
