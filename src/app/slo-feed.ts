/**
 * One shared poll of GET /api/slo for every view that shows health (the freeze banner,
 * the health panel). Offline, the service worker answers with the last snapshot and
 * says how old it is (x-ballast-snapshot-age-s).
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { SloReport } from '../core/slo/compute-slis.js';
import { spanWords } from '../core/slo/measured-period.js';
import { getJson } from './api.js';
import { SNAPSHOT_AGE_HEADER } from './travel-protocol.js';

export interface SloApiReport extends SloReport {
  generated_at: string;
  freeze: { active: boolean; reason: string | null };
  alerts: unknown;
  /** How much of the rolling window has data; absent from routers before issue #19. */
  measured?: { since: string | null; covered_ms: number; full: boolean };
}

/**
 * The rolling window's label with how much of it is measured: '30 d' once full,
 * '30 d, 19 hours measured so far' before (issue #19: no "30 days" about a few hours).
 */
export function rollingLabel(report: SloApiReport, windowText: string): string {
  const m = report.measured;
  if (!m || m.full) return windowText;
  return m.since === null ? `${windowText}, nothing measured yet` : `${windowText}, ${spanWords(m.covered_ms)} measured so far`;
}

export interface SloFeed {
  report: SloApiReport | null;
  /** Seconds the shown report had aged when it arrived (0 when live). */
  snapshotAgeS: number | null;
  /** The service worker answered with its saved snapshot (the router was not reached). */
  fromSnapshot: boolean;
  /** When the shown report arrived in this page (ms since epoch). */
  receivedAt: number | null;
  error: string | null;
}

const POLL_MS = 5000;
let feed: SloFeed = { report: null, snapshotAgeS: null, fromSnapshot: false, receivedAt: null, error: null };
const listeners = new Set<() => void>();
let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

function set(next: SloFeed): void {
  feed = next;
  for (const l of listeners) l();
}

export async function refreshSlo(): Promise<void> {
  try {
    const { data, res } = await getJson<SloApiReport>('/api/slo');
    const age = res.headers.get(SNAPSHOT_AGE_HEADER);
    set({ report: data, snapshotAgeS: age === null ? 0 : Number(age), fromSnapshot: age !== null, receivedAt: Date.now(), error: null });
  } catch (err) {
    set({ ...feed, error: (err as Error).message });
  }
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The latest /api/slo report; polls while any component uses it. */
export function useSloFeed(): SloFeed {
  useEffect(() => {
    if (users++ === 0) {
      void refreshSlo();
      timer = setInterval(() => void refreshSlo(), POLL_MS);
    } else if (feed.receivedAt === null || Date.now() - feed.receivedAt > 1000) {
      void refreshSlo(); // a page opened between polls shows the figures of now, not of the last poll
    }
    return () => {
      if (--users === 0) clearInterval(timer);
    };
  }, []);
  return useSyncExternalStore(subscribe, () => feed);
}
