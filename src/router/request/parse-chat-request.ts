/**
 * Validates an OpenAI chat-completions body at the edge. Unknown fields pass through
 * to the provider untouched; known ones must have the right type, and the first
 * problem is answered with the field it concerns.
 */
import { z } from 'zod';
import type { ChatRequest } from '../../core/chat.js';
import { invalidRequest } from '../http/errors.js';

const cacheControl = z.looseObject({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() });

const contentPart = z.union([
  z.looseObject({ type: z.literal('text'), text: z.string(), cache_control: cacheControl.optional() }),
  z.looseObject({ type: z.literal('image_url'), image_url: z.looseObject({ url: z.string() }) }),
]);

const toolCall = z.looseObject({
  id: z.string(),
  type: z.literal('function'),
  function: z.looseObject({ name: z.string(), arguments: z.string() }),
});

const message = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
  name: z.string().optional(),
  tool_calls: z.array(toolCall).optional(),
  tool_call_id: z.string().optional(),
});

const tokens = z.number().int('must be a whole number').positive('must be at least 1').max(1_000_000, 'must be at most 1000000');

const chatRequest = z.looseObject({
  model: z.string().min(1, 'must name a model group, e.g. "default"'),
  messages: z.array(message).min(1, 'must hold at least one message'),
  stream: z.boolean().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
  max_tokens: tokens.nullable().optional(),
  max_completion_tokens: tokens.nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  n: z.number().int().min(1).max(1, 'ballast serves one choice per request (n = 1)').nullable().optional(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullable().optional(),
  tools: z
    .array(
      z.looseObject({
        type: z.literal('function'),
        function: z.looseObject({ name: z.string().min(1), description: z.string().optional(), parameters: z.record(z.string(), z.unknown()).optional() }),
      }),
    )
    .optional(),
  user: z.string().optional(),
});

export function parseChatRequest(body: unknown): ChatRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidRequest('The request body must be a JSON object with "model" and "messages".');
  }
  const result = chatRequest.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0] as z.core.$ZodIssue;
    const param = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    const got = issue.code === 'invalid_type' && issue.message.endsWith('received undefined') ? 'is required' : issue.message.replace(/^Invalid input: /, '');
    throw invalidRequest(`Invalid request: ${param || 'body'}: ${got}.`, param || null, 'invalid_value');
  }
  const request = result.data as ChatRequest;
  for (const m of request.messages) if (m.content === undefined) m.content = null;
  return request;
}
