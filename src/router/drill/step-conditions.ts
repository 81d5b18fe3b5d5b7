/**
 * The live condition behind the checklist steps that assert a state: "providers
 * healthy" at the baseline, "everything is green" at the end. A person checks the step,
 * but not silently against the router's own view: a step whose condition is false now
 * needs an explicit override with a note, and the report says so (issue #19).
 */

export interface ProviderNow {
  name: string;
  revoked: boolean;
  coolingDown: boolean;
  /** Epoch ms the cooldown ends, when cooling down. */
  until: number | null;
}

export interface StepCondition {
  met: boolean;
  /** What was checked, or why it is not met: 'primary's key is revoked; secondary is cooling down'. */
  reason: string;
}

/** Steps whose claim the router can test; the others only record that a person did them. */
const CHECKED_STEPS = new Set(['baseline', 'verify_green']);

function problems(providers: readonly ProviderNow[]): string[] {
  const out: string[] = [];
  for (const p of providers) {
    if (p.revoked) out.push(`${p.name}'s key is revoked`);
    else if (p.coolingDown) out.push(`${p.name} is cooling down${p.until === null ? '' : ` until ${new Date(p.until).toISOString().slice(11, 19)} UTC`}`);
  }
  return out;
}

/**
 * The condition of `step` against the providers now, or null for a step with none.
 *
 * @example stepCondition('verify_green', [{ name: 'primary', revoked: true, coolingDown: false, until: null }])
 *   // { met: false, reason: "primary's key is revoked" }
 */
export function stepCondition(step: string, providers: readonly ProviderNow[]): StepCondition | null {
  if (!CHECKED_STEPS.has(step)) return null;
  const wrong = problems(providers);
  return wrong.length === 0 ? { met: true, reason: 'every provider is healthy (no key revoked, none cooling down)' } : { met: false, reason: wrong.join('; ') };
}

/** Providers not back to normal: what the report flags at the finish. */
export function unhealthyAtFinish(providers: readonly ProviderNow[]): string[] {
  return problems(providers);
}
