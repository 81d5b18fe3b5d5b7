/** The last requests a provider received (keys redacted) and its counters. */
import type { IncomingHttpHeaders } from 'node:http';

export const RECORDED_REQUESTS = 50;

const SECRET_HEADERS = new Set(['authorization', 'x-api-key', 'proxy-authorization']);

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  /** Parsed JSON body; the raw text when it was not JSON; null when empty. */
  body: unknown;
  /** ISO 8601 arrival time. */
  time: string;
  /** Status sent, or null while pending / when none was sent. */
  status: number | null;
}

export interface ProviderStats {
  requests: number;
  by_status: Record<string, number>;
  /** Client disconnected before the response finished. */
  aborted: number;
  in_flight: number;
  /** What a real provider would bill: prompt tokens once generation starts, output tokens as they are sent. */
  billed: { input_tokens: number; output_tokens: number };
}

export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = SECRET_HEADERS.has(name) ? '[redacted]' : value;
  }
  return out;
}

export class Recorder {
  #log: RecordedRequest[] = [];
  #requests = 0;
  #byStatus: Record<string, number> = {};
  #aborted = 0;
  #inFlight = 0;
  #billedInput = 0;
  #billedOutput = 0;

  billed(inputTokens: number, outputTokens: number): void {
    this.#billedInput += inputTokens;
    this.#billedOutput += outputTokens;
  }

  arrived(): void {
    this.#requests += 1;
    this.#inFlight += 1;
  }

  record(entry: Omit<RecordedRequest, 'status'>): RecordedRequest {
    const recorded: RecordedRequest = { ...entry, status: null };
    this.#log.push(recorded);
    if (this.#log.length > RECORDED_REQUESTS) this.#log.shift();
    return recorded;
  }

  answered(status: number): void {
    this.#byStatus[status] = (this.#byStatus[status] ?? 0) + 1;
  }

  closed(aborted: boolean): void {
    this.#inFlight -= 1;
    if (aborted) this.#aborted += 1;
  }

  recent(): RecordedRequest[] {
    return this.#log.map((entry) => ({ ...entry }));
  }

  stats(): ProviderStats {
    return {
      requests: this.#requests,
      by_status: { ...this.#byStatus },
      aborted: this.#aborted,
      in_flight: this.#inFlight,
      billed: { input_tokens: this.#billedInput, output_tokens: this.#billedOutput },
    };
  }

  /** In-flight requests are still running, so their count survives a reset. */
  reset(): void {
    this.#log = [];
    this.#requests = 0;
    this.#byStatus = {};
    this.#aborted = 0;
    this.#billedInput = 0;
    this.#billedOutput = 0;
  }
}
