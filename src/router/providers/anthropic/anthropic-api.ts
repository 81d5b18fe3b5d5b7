/**
 * Anthropic Messages API wire shapes: TypeScript types for the request we send, zod
 * schemas for everything we parse back (response body, stream events, error body).
 * Schemas check only the fields ballast reads; unknown fields are stripped, unknown
 * content block and delta types pass through as `{ type }` so newer API versions do
 * not break parsing.
 */
import { z } from 'zod';

export interface AnthropicCacheControl {
  type: 'ephemeral';
  ttl?: '5m' | '1h';
}

export interface AnthropicTextBlock {
  type: 'text';
  text: string;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicImageBlock {
  type: 'image';
  source: { type: 'base64'; media_type: string; data: string } | { type: 'url'; url: string };
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content?: string | Array<AnthropicTextBlock | AnthropicImageBlock>;
  cache_control?: AnthropicCacheControl;
}

export type AnthropicContentBlock =
  | AnthropicTextBlock
  | AnthropicImageBlock
  | AnthropicToolUseBlock
  | AnthropicToolResultBlock;

export interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: AnthropicContentBlock[];
}

export interface AnthropicTool {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
  cache_control?: AnthropicCacheControl;
}

export type AnthropicToolChoice =
  | { type: 'auto'; disable_parallel_tool_use?: boolean }
  | { type: 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

export interface AnthropicMessagesRequest {
  model: string;
  max_tokens: number;
  messages: AnthropicMessage[];
  system?: AnthropicTextBlock[];
  stream?: boolean;
  stop_sequences?: string[];
  temperature?: number;
  top_p?: number;
  metadata?: { user_id: string };
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
}

const tokenCount = z.number().int().nonnegative();

/** Usage as the response body and stream events report it; every field may be absent in a stream event. */
export const anthropicUsageSchema = z.object({
  input_tokens: tokenCount.nullish(),
  output_tokens: tokenCount.nullish(),
  cache_creation_input_tokens: tokenCount.nullish(),
  cache_read_input_tokens: tokenCount.nullish(),
  cache_creation: z
    .object({
      ephemeral_5m_input_tokens: tokenCount.nullish(),
      ephemeral_1h_input_tokens: tokenCount.nullish(),
    })
    .nullish(),
});
export type AnthropicUsage = z.infer<typeof anthropicUsageSchema>;

const KNOWN_BLOCK_TYPES: ReadonlySet<string> = new Set(['text', 'tool_use']);
const otherBlockSchema = z.object({
  type: z.string().refine((type) => !KNOWN_BLOCK_TYPES.has(type), 'malformed known block'),
});

const responseBlockSchema = z.union([
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({
    type: z.literal('tool_use'),
    id: z.string().min(1),
    name: z.string().min(1),
    input: z.record(z.string(), z.unknown()),
  }),
  otherBlockSchema,
]);

export const anthropicMessageSchema = z.object({
  id: z.string().min(1),
  type: z.literal('message'),
  role: z.literal('assistant'),
  content: z.array(responseBlockSchema),
  model: z.string().optional(),
  stop_reason: z.string().nullish(),
  usage: anthropicUsageSchema.extend({ input_tokens: tokenCount, output_tokens: tokenCount }),
});
export type AnthropicMessageResponse = z.infer<typeof anthropicMessageSchema>;

export const messageStartEventSchema = z.object({
  message: z.object({
    id: z.string().min(1),
    model: z.string().optional(),
    usage: anthropicUsageSchema.nullish(),
  }),
});

export const contentBlockStartEventSchema = z.object({
  index: z.number().int().nonnegative(),
  content_block: z.union([
    z.object({ type: z.literal('text'), text: z.string() }),
    z.object({ type: z.literal('tool_use'), id: z.string().min(1), name: z.string().min(1) }),
    otherBlockSchema,
  ]),
});

const KNOWN_DELTA_TYPES: ReadonlySet<string> = new Set(['text_delta', 'input_json_delta']);

export const contentBlockDeltaEventSchema = z.object({
  index: z.number().int().nonnegative(),
  delta: z.union([
    z.object({ type: z.literal('text_delta'), text: z.string() }),
    z.object({ type: z.literal('input_json_delta'), partial_json: z.string() }),
    z.object({ type: z.string().refine((type) => !KNOWN_DELTA_TYPES.has(type), 'malformed known delta') }),
  ]),
});

export const contentBlockStopEventSchema = z.object({ index: z.number().int().nonnegative() });

export const messageDeltaEventSchema = z.object({
  delta: z.object({ stop_reason: z.string().nullish() }),
  usage: anthropicUsageSchema.nullish(),
});

/** The `error` stream event and the body of a non-2xx response share this shape. */
export const anthropicErrorSchema = z.object({
  error: z.object({ type: z.string(), message: z.string().optional() }),
});
