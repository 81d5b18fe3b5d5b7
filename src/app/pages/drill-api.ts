/**
 * The Drill page's calls to the router's admin API: the current drill, the primary's
 * state, the operator's actions, and the report.
 */
import type { DrillView } from '../../core/drill/types.js';
import { ApiError, errorOf, getJson, postJson, routerFetch } from '../api.js';

/** The running drill, or null when none runs. */
export async function currentDrill(): Promise<DrillView | null> {
  const res = await routerFetch('/admin/drills/current', { cache: 'no-store' });
  if (res.status === 404) {
    const err = await errorOf(res);
    if (err.code === 'no_active_drill') return null;
    throw err;
  }
  if (!res.ok) throw await errorOf(res);
  return (await res.json()) as DrillView;
}

export type ProviderStates = Record<string, { state: string; revoked_at?: string | null; cooling_down_until?: string | null }>;

/** Every provider's state from GET /healthz (live: the page checks the router is reachable first). */
export async function providerStates(): Promise<ProviderStates> {
  const res = await routerFetch('/healthz', { cache: 'no-store' });
  if (!res.ok || res.headers.get('x-ballast-travel') === 'offline') throw new Unreachable('the router did not answer GET /healthz');
  return ((await res.json()) as { providers: ProviderStates }).providers;
}

/** The router cannot be reached (offline, or it is down): the drill cannot run without it. */
export class Unreachable extends Error {}

export const startDrill = (roles: { lead: string; operator: string; scribe: string }) => postJson<DrillView>('/admin/drills', roles).then((r) => r.data);
/** Checks a step; `override` is the note for a step whose live condition is not met. */
export const checkStep = (id: string, step: string, override?: string) =>
  postJson<DrillView>(`/admin/drills/${id}/steps`, override === undefined ? { step } : { step, override }).then((r) => r.data);
export const addNote = (id: string, text: string) => postJson<DrillView>(`/admin/drills/${id}/notes`, { text }).then((r) => r.data);
export const finishDrill = (id: string, findings: string) => postJson<DrillView>(`/admin/drills/${id}/finish`, { findings }).then((r) => r.data);
export const keyAction = (provider: string, action: 'revoke' | 'restore', by: string) =>
  postJson<{ state: { state: string } }>(`/admin/providers/${encodeURIComponent(provider)}/${action}`, { by }).then((r) => r.data.state.state);

export async function reportMarkdown(id: string): Promise<string> {
  const res = await routerFetch(`/admin/drills/${id}/report.md`);
  if (!res.ok) throw await errorOf(res);
  return res.text();
}

export function messageOf(err: unknown): string {
  return err instanceof ApiError ? err.message : `Network error: ${(err as Error).message}`;
}

/** True when `err` says the router was not reached (as opposed to it answering with an error). */
export function isUnreachable(err: unknown): boolean {
  return !(err instanceof ApiError) || err instanceof Unreachable;
}
