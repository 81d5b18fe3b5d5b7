/**
 * Writes a planned answer to the client with its timing and the fault that applies:
 * stalls, cuts, malformed bodies. Every wait and write is tied to the exchange's
 * AbortSignal, so a client that leaves stops its timers at once.
 */
import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { Fault } from './faults.js';
import type { Timing } from './timing.js';
import type { Reply, StreamScript } from './wire.js';

/** The response side of one exchange, as the delivery sees it. */
export interface Outlet {
  res: ServerResponse;
  /** Aborted when the response closes, whoever closed it. */
  signal: AbortSignal;
  /** Called once the status line is committed. */
  committed(status: number): void;
  /** Drops the connection mid-response, as a crashed upstream would. */
  sever(): void;
  /** Counts what this exchange bills, as a provider's invoice would. */
  bill(inputTokens: number, outputTokens: number): void;
}

export type Plan =
  | { kind: 'reply'; reply: Reply }
  | { kind: 'json'; reply: Reply; tokenCount: number; inputTokens: number }
  | { kind: 'stream'; script: StreamScript; inputTokens: number };

/** Sends a reply at once (auth errors, validation errors, model lists). */
export async function sendReply(outlet: Outlet, reply: Reply): Promise<void> {
  head(outlet, reply.status, { ...reply.headers, 'content-length': String(Buffer.byteLength(reply.body)) }, reply.statusText);
  await end(outlet, reply.body);
}

export async function deliver(outlet: Outlet, plan: Plan, timing: Timing, fault: Fault | undefined): Promise<void> {
  if (fault?.kind === 'stall_headers') await sleep(fault.ms, outlet.signal);
  await sleep(timing.latencyMs, outlet.signal);
  if (plan.kind === 'reply') return sendReply(outlet, plan.reply);
  // Generation starts now: the prompt is billed whatever happens next.
  outlet.bill(plan.inputTokens, 0);
  if (plan.kind === 'json') return deliverJson(outlet, plan.reply, plan.tokenCount, timing, fault);
  return deliverStream(outlet, plan.script, timing, fault);
}

async function deliverJson(outlet: Outlet, reply: Reply, tokenCount: number, timing: Timing, fault: Fault | undefined) {
  const generationMs = timing.ttftMs + tokenCount * timing.tokenIntervalMs;
  if (fault?.kind === 'stall_first_token') {
    head(outlet, reply.status, { ...reply.headers, 'content-length': String(Buffer.byteLength(reply.body)) });
    outlet.res.flushHeaders();
    await sleep(fault.ms + generationMs, outlet.signal);
    return end(outlet, reply.body);
  }
  await sleep(generationMs, outlet.signal);
  outlet.bill(0, tokenCount);
  if (fault?.kind === 'malformed') {
    return sendReply(outlet, { ...reply, body: `${reply.body.slice(0, reply.body.length >> 1)}<emulated malformed body>` });
  }
  if (fault?.kind === 'cut') {
    head(outlet, reply.status, { ...reply.headers, 'content-length': String(Buffer.byteLength(reply.body)) });
    await write(outlet, reply.body.slice(0, reply.body.length >> 1));
    return outlet.sever();
  }
  return sendReply(outlet, reply);
}

async function deliverStream(outlet: Outlet, script: StreamScript, timing: Timing, fault: Fault | undefined) {
  head(outlet, 200, script.headers);
  if (fault?.kind === 'malformed') {
    await write(outlet, script.opening.join('') + script.malformed);
    return end(outlet);
  }
  await write(outlet, script.opening.join(''));
  await sleep(timing.ttftMs + (fault?.kind === 'stall_first_token' ? fault.ms : 0), outlet.signal);
  const cutAt = fault?.kind === 'cut' ? fault.after_tokens : Number.POSITIVE_INFINITY;
  const start = performance.now();
  for (const [i, token] of script.tokens.entries()) {
    if (i >= cutAt) return outlet.sever();
    // Pace against the start time, not the previous write, so intervals do not drift.
    await sleep(start + i * timing.tokenIntervalMs - performance.now(), outlet.signal);
    outlet.bill(0, 1); // generated, whether or not the client is still there to read it
    await write(outlet, token);
  }
  if (cutAt !== Number.POSITIVE_INFINITY) return outlet.sever();
  await write(outlet, script.closing.join(''));
  return end(outlet);
}

function head(outlet: Outlet, status: number, headers: Record<string, string>, statusText?: string): void {
  if (statusText === undefined) outlet.res.writeHead(status, headers);
  else outlet.res.writeHead(status, statusText, headers);
  outlet.committed(status);
}

/** Resolves once the chunk reached the socket, so a following sever() cannot drop it. */
function write(outlet: Outlet, chunk: string): Promise<void> {
  return settle(outlet.signal, (done) => outlet.res.write(chunk, done));
}

function end(outlet: Outlet, chunk?: string): Promise<void> {
  return settle(outlet.signal, (done) => (chunk === undefined ? outlet.res.end(() => done()) : outlet.res.end(chunk, () => done())));
}

function settle(signal: AbortSignal, start: (done: (error?: Error | null) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    start((error) => {
      signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    });
  });
}

export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  if (ms > 0) await delay(ms, undefined, { signal });
}
