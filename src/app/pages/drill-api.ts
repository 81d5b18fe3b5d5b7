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

export async function providerState(name: string): Promise<string> {
  const { data } = await getJson<{ providers: Record<string, { state: string }> }>('/healthz');
  return data.providers[name]?.state ?? 'unknown';
}

export const startDrill = (roles: { lead: string; operator: string; scribe: string }) => postJson<DrillView>('/admin/drills', roles).then((r) => r.data);
export const checkStep = (id: string, step: string) => postJson<DrillView>(`/admin/drills/${id}/steps`, { step }).then((r) => r.data);
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
