/** Shared helpers for the emulator's integration tests (not a test file itself). */
import { once } from 'node:events';
import { connect } from 'node:net';
import { startEmulator } from '../../../src/emulator/index.js';
import type { Emulator, EmulatorOptions, ExchangeEvent } from '../../../src/emulator/index.js';

export type { Emulator };

export function start(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  return startEmulator({ providers: [{ name: 'primary' }, { name: 'secondary' }], ...options });
}

export const openaiHeaders = (key = 'test-key'): Record<string, string> => ({
  authorization: `Bearer ${key}`,
  'content-type': 'application/json',
});

export const anthropicHeaders = (key = 'test-key'): Record<string, string> => ({
  'x-api-key': key,
  'anthropic-version': '2023-06-01',
  'content-type': 'application/json',
});

export const userTurn = (text: string) => [{ role: 'user', content: text }];

export function chat(baseUrl: string, body: unknown, headers = openaiHeaders(), signal?: AbortSignal): Promise<Response> {
  return fetch(`${baseUrl}/v1/chat/completions`, { method: 'POST', headers, body: JSON.stringify(body), signal });
}

export function messages(baseUrl: string, body: unknown, headers = anthropicHeaders(), signal?: AbortSignal): Promise<Response> {
  return fetch(`${baseUrl}/v1/messages`, { method: 'POST', headers, body: JSON.stringify(body), signal });
}

export async function control(emu: Emulator, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${emu.controlUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

export async function setFault(emu: Emulator, provider: string, fault: unknown): Promise<void> {
  const res = await control(emu, 'PUT', `/providers/${provider}/fault`, fault);
  if (res.status !== 200) throw new Error(`PUT fault failed: ${JSON.stringify(res.body)}`);
}

export interface SseEvent {
  event: string | undefined;
  data: string;
}

/** Splits an SSE body into events (event name and data lines). */
export function parseSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice('event: '.length);
      const data = lines
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice('data: '.length))
        .join('\n');
      return { event, data };
    });
}

export interface TimedChunk {
  at: number;
  text: string;
}

/** Reads a body chunk by chunk with arrival times (ms since `t0`); `error` is set if the body broke. */
export async function readTimed(res: Response, t0: number): Promise<{ chunks: TimedChunk[]; text: string; error?: unknown }> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const chunks: TimedChunk[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push({ at: performance.now() - t0, text: decoder.decode(value, { stream: true }) });
    }
  } catch (error) {
    return { chunks, text: chunks.map((c) => c.text).join(''), error };
  }
  return { chunks, text: chunks.map((c) => c.text).join('') };
}

/** The system error code behind a failed fetch (e.g. ECONNREFUSED), or 'no error'. */
export async function fetchErrorCode(request: Promise<unknown>): Promise<string> {
  try {
    await request;
    return 'no error';
  } catch (error) {
    const cause = (error as { cause?: { code?: string; errors?: Array<{ code?: string }> } }).cause;
    return cause?.code ?? cause?.errors?.[0]?.code ?? String(error);
  }
}

/** Resolves with the next finished exchange of `provider`. */
export async function nextExchange(emu: Emulator, provider: string): Promise<ExchangeEvent> {
  for (;;) {
    const [event] = (await once(emu.events, 'exchange')) as [ExchangeEvent];
    if (event.provider === provider) return event;
  }
}

/** Text content of an OpenAI stream. */
export function openaiStreamText(events: SseEvent[]): string {
  return events
    .filter((e) => e.data !== '[DONE]')
    .map((e) => JSON.parse(e.data) as { choices: Array<{ delta: { content?: string | null } }> })
    .map((chunk) => chunk.choices[0]?.delta.content ?? '')
    .join('');
}

/**
 * Opens a bare TCP connection to the URL's port: 'connected' or the error code.
 * Also gives the fetch pool a turn to notice sockets the server closed.
 */
export function connectCode(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)));
  });
}
