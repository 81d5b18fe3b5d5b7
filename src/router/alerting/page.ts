/** From an alert transition to the page a human receives. */
import { isPage, type AlertTransition } from '../../core/slo/alert-state.js';
import type { Page } from './types.js';

/**
 * The page for a transition that pages (see `isPage`), or null for one that does not.
 *
 * @example pageOf({ alert: 'success', from: 'pending', to: 'firing', at, ... }, 'ballast')?.id // 'success:firing:<at>'
 */
export function pageOf(t: AlertTransition, instance: string, note?: string): Page | null {
  if (!isPage(t)) return null;
  const state = t.to === 'firing' ? 'firing' : 'resolved';
  return {
    id: `${t.alert}:${state}:${t.at}`,
    instance,
    alert: t.alert,
    state,
    from: t.from,
    at: t.at,
    value: t.value,
    threshold: t.threshold,
    eligible: t.eligible,
    window: t.window,
    ...(note === undefined ? {} : { note }),
  };
}
