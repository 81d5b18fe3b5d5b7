/** Renders answers in the OpenAI chat-completions wire format (JSON and SSE chunks). */
import { answerText } from './answer.js';
import type { Answer } from './answer.js';
import type { EmulatedModel } from './options.js';
import { JSON_HEADERS, SSE_HEADERS, epochSeconds, randomId } from './wire.js';
import type { ParsedRequest, Reply, StreamScript, WireUsage } from './wire.js';

const FINGERPRINT = 'fp_emulated';

function finishReason(answer: Answer): 'stop' | 'length' | 'tool_calls' {
  return answer.kind === 'tool' ? 'tool_calls' : answer.finish;
}

function usageOf(usage: WireUsage) {
  const promptTokens = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: promptTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  };
}

export function renderOpenAIJson(request: ParsedRequest, answer: Answer, usage: WireUsage): Reply {
  const message =
    answer.kind === 'tool'
      ? {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: randomId('call_'), type: 'function', function: { name: answer.toolName, arguments: answer.argumentsJson } },
          ],
          refusal: null,
        }
      : { role: 'assistant', content: answerText(answer), refusal: null, annotations: [] };
  const completion = {
    id: randomId('chatcmpl-'),
    object: 'chat.completion',
    created: epochSeconds(),
    model: request.model,
    system_fingerprint: FINGERPRINT,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason(answer) }],
    usage: usageOf(usage),
    service_tier: 'default',
  };
  return { status: 200, headers: { ...JSON_HEADERS, 'x-request-id': randomId('req_') }, body: JSON.stringify(completion) };
}

export function renderOpenAIStream(request: ParsedRequest, answer: Answer, usage: WireUsage): StreamScript {
  const id = randomId('chatcmpl-');
  const created = epochSeconds();
  const head = { id, object: 'chat.completion.chunk', created, model: request.model, system_fingerprint: FINGERPRINT };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): string =>
    frame({
      ...head,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(request.includeUsage ? { usage: null } : {}),
    });

  const opening = [
    chunk(answer.kind === 'tool' ? { role: 'assistant', content: null } : { role: 'assistant', content: '', refusal: null }),
  ];
  const callId = randomId('call_');
  const tokens =
    answer.kind === 'tool'
      ? answer.argumentTokens.map((piece, i) =>
          chunk({
            tool_calls: [
              i === 0
                ? { index: 0, id: callId, type: 'function', function: { name: answer.toolName, arguments: piece } }
                : { index: 0, function: { arguments: piece } },
            ],
          }),
        )
      : answer.tokens.map((token) => chunk({ content: token }));
  const closing = [chunk({}, finishReason(answer))];
  if (request.includeUsage) {
    closing.push(
      frame({ ...head, choices: [], usage: usageOf(usage) }),
    );
  }
  closing.push('data: [DONE]\n\n');
  const malformed = `data: {"id":"${id}","object":"chat.completion.chunk","choices":[{"delta":{"content":"Emul\n\n`;
  return { headers: { ...SSE_HEADERS, 'x-request-id': randomId('req_') }, opening, tokens, closing, malformed };
}

export function renderOpenAIModels(models: EmulatedModel[]): Reply {
  const created = epochSeconds();
  const data = models.map((model) => ({ ...model, object: 'model', created, owned_by: 'ballast-emulator' }));
  return { status: 200, headers: { ...JSON_HEADERS }, body: JSON.stringify({ object: 'list', data }) };
}

function frame(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}
