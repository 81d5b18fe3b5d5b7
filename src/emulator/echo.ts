/**
 * The `echo_key` fault: an upstream that writes the request's credentials back, as
 * some proxies and misconfigured gateways do in their error pages. The emulator plays
 * it so tests can prove no such echo reaches a client, a log or a store through ballast.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Plan } from './delivery.js';
import type { Fault } from './faults.js';
import type { Reply, StreamScript, Wire } from './wire.js';

type EchoFault = Extract<Fault, { kind: 'echo_key' }>;

const ECHOED_HEADERS = ['authorization', 'x-api-key'] as const;

/**
 * The credentials of a request, written out twice: labelled (`authorization: Bearer
 * k`) and bare, so a scrubber must know the values, not only their shapes.
 *
 * @example echoText({ 'x-api-key': 'k1' }) // 'x-api-key: k1 (key on file: k1)'
 */
export function echoText(headers: IncomingHttpHeaders): string {
  const parts: string[] = [];
  for (const name of ECHOED_HEADERS) {
    const raw = headers[name];
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    if (value === undefined || value === '') continue;
    const bare = value.replace(/^bearer\s+/i, '');
    parts.push(`${name}: ${value} (key on file: ${bare})`);
  }
  return parts.length > 0 ? parts.join('; ') : 'no credentials sent';
}

/** An error reply with the credentials in its message and in its error type or code. */
export function echoErrorReply(wire: Wire, fault: EchoFault, headers: IncomingHttpHeaders): Reply {
  const echo = echoText(headers);
  const status = fault.status ?? 400;
  const reply = wire.error(status, `Request rejected; the gateway saw ${echo}`);
  if (fault.where === 'status_text') return { ...reply, statusText: `Rejected ${echo}`.replace(/[^\t\x20-\x7e]/g, '?') };
  const body = JSON.parse(reply.body) as { error: Record<string, unknown> };
  // OpenAI's code and Anthropic's type are what ballast keeps as the provider's error type.
  body.error[wire.name === 'openai' ? 'code' : 'type'] = echo;
  return { ...reply, body: JSON.stringify(body) };
}

/** A 200 stream that sends `after_tokens` tokens (default 1), then an error event echoing the credentials, and ends. */
export function echoStream(wire: Wire, fault: EchoFault, headers: IncomingHttpHeaders, script: StreamScript, inputTokens: number): Plan {
  const after = fault.after_tokens ?? 1;
  const frame = wire.streamError(wire.name === 'openai' ? 'server_error' : 'api_error', `stream failed; the gateway saw ${echoText(headers)}`);
  return { kind: 'stream', script: { ...script, tokens: script.tokens.slice(0, after), closing: [frame] }, inputTokens };
}
