/**
 * What an answer's response headers say about how it was served: who answered, what
 * it cost, and the badges the console shows (cached, degraded, failover, offline).
 * Pure: the page reads the headers, this turns them into fields.
 */
import { TRAVEL_HEADER, TRAVEL_WHY_HEADER, type TravelWhy } from '../travel-protocol.js';

export interface AnswerMeta {
  requestId: string | null;
  provider: string | null;
  model: string | null;
  /** How many provider calls it took (x-ballast-attempts); null when not said. */
  attempts: number | null;
  /** x-ballast-cost-usd; a stream's cost arrives later, in an SSE comment. */
  costUsd: number | null;
  /** x-ballast-cache: hit (router cache) or miss; null when the cache is off. */
  routerCache: 'hit' | 'miss' | null;
  /** Set when the service worker answered from this device: why. */
  travel: 'offline' | 'repeat' | null;
  /** For an offline answer, what the worker saw (x-ballast-travel-why): no response, nothing within the timeout, or a 5xx. */
  travelWhy: TravelWhy | null;
  /** How long the worker waited for the router before answering itself. */
  travelWaitedMs: number | null;
  /** The saved answer's age when served (x-ballast-travel-age-s). */
  travelAgeS: number | null;
  /** The router that first gave the saved answer (x-ballast-travel-router, an origin). */
  travelRouter: string | null;
  /** The degradation steps taken (truncated, cheaper-model, cached). */
  degraded: string[];
  /** An earlier attempt went to another provider. */
  failover: boolean;
  emulated: boolean;
}

export type BadgeKind = 'cached' | 'degraded' | 'failover' | 'retried' | 'offline' | 'emulated';

export interface Badge {
  kind: BadgeKind;
  label: string;
  /** A sentence for the tooltip and screen readers. */
  title: string;
}

type HeaderSource = Pick<Headers, 'get'>;

function num(v: string | null): number | null {
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function whyOf(v: string | null): TravelWhy | null {
  return v === 'network' || v === 'timeout' || v === 'upstream' ? v : null;
}

/**
 * Reads the x-ballast-* headers of a router (or service-worker) answer.
 *
 * @example
 *   const meta = metaFromHeaders(res.headers);
 *   badgesOf(meta).map((b) => b.label); // ['cached', 'offline']
 */
export function metaFromHeaders(h: HeaderSource): AnswerMeta {
  const cache = h.get('x-ballast-cache');
  const travel = h.get(TRAVEL_HEADER);
  const degraded = (h.get('x-ballast-degraded') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const attempts = num(h.get('x-ballast-attempts'));
  return {
    requestId: h.get('x-ballast-request-id'),
    provider: h.get('x-ballast-provider'),
    model: h.get('x-ballast-model'),
    attempts,
    costUsd: num(h.get('x-ballast-cost-usd')),
    routerCache: cache === 'hit' || cache === 'miss' ? cache : null,
    travel: travel === 'offline' || travel === 'repeat' ? travel : null,
    travelWhy: whyOf(h.get(TRAVEL_WHY_HEADER)),
    travelWaitedMs: num(h.get('x-ballast-travel-waited-ms')),
    travelAgeS: num(h.get('x-ballast-travel-age-s')),
    travelRouter: h.get('x-ballast-travel-router'),
    degraded,
    // x-ballast-failover names a switch of provider; more than one attempt on the same
    // provider is a retry (its own badge).
    failover: h.get('x-ballast-failover') === 'true',
    emulated: h.get('x-ballast-emulated') === 'true',
  };
}

/** The badges for an answer, in a stable order. */
export function badgesOf(m: AnswerMeta): Badge[] {
  const out: Badge[] = [];
  if (m.routerCache === 'hit' || m.travel !== null) {
    const where = m.travel !== null ? "this device's travel cache" : "the router's cache";
    out.push({ kind: 'cached', label: 'cached', title: `Served from ${where}: no provider call, no cost.` });
  }
  if (m.degraded.length > 0) {
    out.push({ kind: 'degraded', label: `degraded: ${m.degraded.join(', ')}`, title: `The guardrails degraded this answer (${m.degraded.join(', ')}).` });
  }
  if (m.failover) {
    out.push({ kind: 'failover', label: 'failover', title: `The first provider failed; ${m.provider ?? 'another provider'} answered after ${m.attempts ?? '?'} attempts.` });
  }
  else if (m.attempts !== null && m.attempts > 1) {
    out.push({ kind: 'retried', label: `retried ×${m.attempts - 1}`, title: `${m.provider ?? 'The provider'} answered on attempt ${m.attempts}.` });
  }
  if (m.travel === 'offline') {
    out.push({ kind: 'offline', label: 'offline', title: travelWhyText(m) });
  }
  if (m.emulated) out.push({ kind: 'emulated', label: 'emulated', title: 'Answered by the emulated provider, not a real model.' });
  return out;
}

/** Why the worker answered from this device, in words. */
export function travelWhyText(m: Pick<AnswerMeta, 'travelWhy' | 'travelWaitedMs'>): string {
  const waited = m.travelWaitedMs !== null ? `${Math.round(m.travelWaitedMs / 100) / 10} s` : 'the timeout';
  switch (m.travelWhy) {
    case 'timeout':
      return `Slow link: the router sent nothing for ${waited}, so this device answered from its saved copy.`;
    case 'upstream':
      return 'The router answered that no provider could (5xx), so this device answered from its saved copy.';
    case 'network':
      return 'The router could not be reached, so this device answered from its saved copy.';
    default:
      return 'The router did not answer; this device answered from its saved copy.';
  }
}
