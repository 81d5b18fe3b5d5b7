/** Public option and handle types of the emulator (re-exported by index.ts). */
import type { EventEmitter } from 'node:events';

export interface EmulatedModel {
  id: string;
  input_usd_per_mtok?: number;
  output_usd_per_mtok?: number;
}

export interface EmulatedProviderOptions {
  /** e.g. "primary"; letters, digits, `_` and `-` only (it appears in control URLs). */
  name: string;
  /** 0 / undefined = random free port. */
  port?: number;
  /** Accepted API keys; empty or undefined = any non-empty key accepted. */
  keys?: string[];
  /** Listed by GET /v1/models; any model id is answered anyway. */
  models?: EmulatedModel[];
  /** Time before response headers (default 0). */
  latencyMs?: number;
  /** Time from headers to the first content token (default 0). */
  ttftMs?: number;
  /** 0 / undefined = as fast as possible. */
  tokensPerSecond?: number;
}

export interface EmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (random free port). */
  controlPort?: number;
  /** Seeds the fault-rate PRNG of every provider (default 1). */
  seed?: number;
  providers: EmulatedProviderOptions[];
}

/** Emitted once per provider request, when its handler has settled and its response closed. */
export interface ExchangeEvent {
  provider: string;
  method: string;
  path: string;
  /** Status sent to the client, or null when no headers went out. */
  status: number | null;
  /** The client disconnected before the response finished. */
  aborted: boolean;
}

/** Emitted when a provider request arrives (before its body is read). */
export interface RequestEvent {
  provider: string;
  method: string;
  path: string;
}

export interface EmulatorEvents {
  request: [RequestEvent];
  exchange: [ExchangeEvent];
}

export interface Emulator {
  /** http://HOST:PORT of the control listener. */
  controlUrl: string;
  /** url like http://127.0.0.1:PORT (no trailing slash, no /v1). */
  providers: Record<string, { url: string; port: number }>;
  /** Lets tests await exchanges instead of sleeping. */
  events: EventEmitter<EmulatorEvents>;
  /** Closes every listener and socket. */
  close(): Promise<void>;
}
