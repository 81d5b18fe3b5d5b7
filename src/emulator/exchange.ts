/**
 * One provider request, top to bottom: record, route, authenticate, validate,
 * pick the fault, answer. The listener (provider.ts) owns the lifecycle around it.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { buildAnswer, completionTokens, tokensForChars } from './answer.js';
import { anthropicWire } from './anthropic-wire.js';
import { deliver, sendReply } from './delivery.js';
import { echoErrorReply, echoStream } from './echo.js';
import type { Outlet, Plan } from './delivery.js';
import type { Fault } from './faults.js';
import { parseJson, readBody } from './http-util.js';
import { openaiWire } from './openai-wire.js';
import type { ProviderState } from './provider-state.js';
import { redactHeaders } from './recorder.js';
import type { RecordedRequest } from './recorder.js';
import { timingFor } from './timing.js';
import type { ParsedRequest, Reply, Wire, WireUsage } from './wire.js';

export const BODY_LIMIT_BYTES = 8 * 1024 * 1024;

export interface ExchangeContext {
  state: ProviderState;
  req: IncomingMessage;
  outlet: Outlet;
  /** Receives the request's log entry so the lifecycle can stamp its status. */
  onRecorded(entry: RecordedRequest): void;
}

type Route = { kind: 'completion' | 'models'; wire: Wire } | { kind: 'unknown'; wire: Wire };

function route(method: string, path: string, headers: IncomingHttpHeaders): Route {
  if (method === 'POST' && path === '/v1/chat/completions') return { kind: 'completion', wire: openaiWire };
  if (method === 'POST' && path === '/v1/messages') return { kind: 'completion', wire: anthropicWire };
  const looksAnthropic = path.startsWith('/v1/messages') || (headers['anthropic-version'] ?? headers['x-api-key']) !== undefined;
  const wire = looksAnthropic ? anthropicWire : openaiWire;
  return method === 'GET' && path === '/v1/models' ? { kind: 'models', wire } : { kind: 'unknown', wire };
}

export async function handleExchange(ctx: ExchangeContext): Promise<void> {
  const { state, req, outlet } = ctx;
  const method = req.method ?? 'GET';
  const path = new URL(req.url ?? '/', 'http://emulator').pathname.replace(/(.)\/+$/, '$1');
  const raw = method === 'GET' || method === 'HEAD' ? '' : await readBody(req, BODY_LIMIT_BYTES);
  const json = raw ? parseJson(raw) : undefined;
  ctx.onRecorded(
    state.recorder.record({
      method,
      path,
      headers: redactHeaders(req.headers),
      body: json === undefined ? null : json.ok ? json.value : raw,
      time: new Date().toISOString(),
    }),
  );

  const target = route(method, path, req.headers);
  const { wire } = target;
  if (target.kind === 'unknown') return sendReply(outlet, wire.error(404, `Invalid URL (${method} ${path})`));
  const key = wire.apiKey(req.headers);
  if (key === undefined) return sendReply(outlet, wire.authError('missing'));
  if (!state.accepts(key)) return sendReply(outlet, wire.authError('invalid'));
  if (target.kind === 'models') return sendReply(outlet, wire.models(state.models));

  if (raw === null) return sendReply(outlet, wire.error(413, `Request body exceeds ${BODY_LIMIT_BYTES} bytes.`));
  if (!json?.ok) return sendReply(outlet, wire.error(400, invalidJsonMessage(wire)));
  const parsed = wire.parse(json.value, req.headers, state.name);
  if (!parsed.ok) return sendReply(outlet, parsed.reply);

  const fault = state.faults.take();
  return deliver(outlet, planFor(state, wire, parsed.request, fault, req.headers), timingFor(state.settings, fault), fault);
}

function planFor(state: ProviderState, wire: Wire, request: ParsedRequest, fault: Fault | undefined, headers: IncomingHttpHeaders): Plan {
  if (fault?.kind === 'status') return { kind: 'reply', reply: statusReply(wire, fault) };
  if (fault?.kind !== 'echo_key') return answerPlan(state, wire, request);
  if (fault.where !== 'stream' || !request.stream) return { kind: 'reply', reply: echoErrorReply(wire, fault, headers) };
  const plan = answerPlan(state, wire, request);
  return plan.kind === 'stream' ? echoStream(wire, fault, headers, plan.script, plan.inputTokens) : plan;
}

function answerPlan(state: ProviderState, wire: Wire, request: ParsedRequest): Plan {
  const answer = buildAnswer(request);
  const cache = state.cache.account(request.breakpoints);
  const promptTokens = request.promptTokens ?? tokensForChars(request.promptChars);
  const usage: WireUsage = {
    inputTokens: Math.max(0, promptTokens - cache.readTokens - cache.writeTokens),
    cacheReadTokens: cache.readTokens,
    cacheWriteTokens: cache.writeTokens,
    cacheWrite1hTokens: cache.write1hTokens,
    outputTokens: completionTokens(answer),
  };
  const inputTokens = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  if (request.stream) return { kind: 'stream', script: wire.stream(request, answer, usage), inputTokens };
  return { kind: 'json', reply: wire.json(request, answer, usage), tokenCount: usage.outputTokens, inputTokens };
}

function statusReply(wire: Wire, fault: Extract<Fault, { kind: 'status' }>): Reply {
  const reply = wire.error(fault.status);
  if (fault.retry_after_s !== undefined) reply.headers['retry-after'] = String(fault.retry_after_s);
  return reply;
}

function invalidJsonMessage(wire: Wire): string {
  return wire.name === 'openai'
    ? "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)"
    : 'There was an error parsing the body of your request: it is not valid JSON.';
}
