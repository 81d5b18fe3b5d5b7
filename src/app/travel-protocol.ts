/**
 * The travel cache's shapes and its message protocol, shared by the service worker
 * (sw/) and the page (travel-client.ts). Pure types and constants: no DOM, no worker.
 */
import type { ChatCompletion } from '../core/chat.js';

/** What the list shows about a stored request, without the answer. */
export interface RequestSummary {
  /** The model group (`body.model`). */
  group: string;
  feature: string | null;
  promptVersion: string | null;
  /** The first ~200 characters of the last user message. */
  lastUser: string;
  /** The whole last user message (up to 4,000 characters), so the console can suggest it again exactly; absent on older entries. */
  prompt?: string;
  /** How many user messages the conversation had: 1 for a first prompt; absent on older entries. */
  userTurns?: number;
  /** The origin of the router that answered; absent on older entries. */
  router?: string;
}

export interface TravelEntry {
  key: string;
  summary: RequestSummary;
  completion: ChatCompletion;
  provider: string | null;
  model: string | null;
  /** What the original answer cost (x-ballast-cost-usd), saved again on every hit. */
  costUsd: number;
  createdAt: number;
  lastHitAt: number;
  hits: number;
  /** Size of the stored answer (UTF-8 JSON of the completion). */
  bytes: number;
}

export type TravelEntryInfo = Omit<TravelEntry, 'completion'>;

export interface TravelCounters {
  /** Requests answered from this device's cache (offline or repeat). */
  hits: number;
  /** Requests the cache could not answer (answered by the network, or the offline error). */
  misses: number;
  /** Hits served because the network failed or was too slow. */
  offlineAnswers: number;
  bytesSaved: number;
  dollarsSaved: number;
}

/** How much the cache holds: every stored answer, and their size in bytes. */
export interface TravelTotals {
  count: number;
  bytes: number;
}

export interface TravelSettings {
  /** How long to wait for the router before answering from the cache. */
  networkTimeoutMs: number;
  /** Answer a repeated prompt from the cache without asking the router. */
  cacheFirstForRepeats: boolean;
}

export const DEFAULT_SETTINGS: TravelSettings = { networkTimeoutMs: 8000, cacheFirstForRepeats: false };

export interface TravelExport {
  version: 1;
  exportedAt: number;
  counters: TravelCounters;
  settings: TravelSettings;
  entries: TravelEntry[];
}

export interface ListQuery {
  /** Case-insensitive text matched against the last user message, the answer, group, feature and prompt version. */
  search?: string;
  /** `recent` (default): last used first; `created`: newest first. */
  sort?: 'recent' | 'created';
  offset?: number;
  limit?: number;
}

export interface ListPage {
  total: number;
  offset: number;
  entries: TravelEntryInfo[];
}

/** Requests the page sends (postMessage with a MessageChannel port for the reply). */
export type TravelRequest =
  | { type: 'travel:list'; query: ListQuery }
  | { type: 'travel:get'; key: string }
  | { type: 'travel:delete'; key: string }
  | { type: 'travel:clear' }
  | { type: 'travel:export' }
  | { type: 'travel:counters' }
  | { type: 'travel:totals' }
  | { type: 'travel:get-settings' }
  | { type: 'travel:set-settings'; settings: Partial<TravelSettings> }
  | { type: 'travel:get-router-origin' }
  | { type: 'travel:set-router-origin'; origin: string | null };

export interface TravelResults {
  'travel:list': ListPage;
  'travel:get': TravelEntry | null;
  'travel:delete': boolean;
  'travel:clear': number;
  'travel:export': TravelExport;
  'travel:counters': TravelCounters;
  'travel:totals': TravelTotals;
  'travel:get-settings': TravelSettings;
  'travel:set-settings': TravelSettings;
  /** The router's origin when it is not the app's (null: the app's own). */
  'travel:get-router-origin': string | null;
  'travel:set-router-origin': string | null;
}

export type TravelReply<T = unknown> = { ok: true; result: T } | { ok: false; error: { code: string; message: string } };

/** Response headers the worker sets on answers it serves itself. */
export const TRAVEL_HEADER = 'x-ballast-travel';
/** On an offline answer: why the worker answered itself. */
export const TRAVEL_WHY_HEADER = 'x-ballast-travel-why';
/** network: no response at all; timeout: no response headers within the network timeout; upstream: the router's 502/503/504. */
export type TravelWhy = 'network' | 'timeout' | 'upstream';
export const SNAPSHOT_AGE_HEADER = 'x-ballast-snapshot-age-s';
