/**
 * The order in which a request tries a group's deployments. Pure apart from the
 * random source and the cooldown view it is given.
 */
import { weightedOrder } from '../../core/weighted.js';
import type { DeploymentConfig, GroupConfig } from '../config/schema.js';

export interface PlanInput {
  group: GroupConfig;
  /** Bypass: the group's first deployment only, no retry, no failover. */
  bypass: boolean;
  /** Pinned provider: its deployment only (cooldown ignored: the caller asked for it). */
  pin: string | undefined;
  isCoolingDown: (provider: string) => boolean;
  lastFailureAt: (provider: string) => number;
  random: () => number;
}

export interface Plan {
  deployments: DeploymentConfig[];
  /** Extra tries on the same deployment after a retryable failure. */
  retriesInGroup: number;
  mode: 'bypass' | 'pinned' | 'weighted' | 'ordered';
}

export function planAttempts(input: PlanInput): Plan {
  const { group } = input;
  if (input.bypass) {
    return { deployments: group.deployments.slice(0, 1), retriesInGroup: 0, mode: 'bypass' };
  }
  if (input.pin !== undefined) {
    const pinned = group.deployments.filter((d) => d.provider === input.pin);
    return { deployments: pinned, retriesInGroup: group.retries_in_group, mode: 'pinned' };
  }
  const ordered =
    group.strategy === 'weighted' ? weightedOrder(group.deployments, (d) => d.weight, input.random) : [...group.deployments];
  const healthy = ordered.filter((d) => !input.isCoolingDown(d.provider));
  // Never fail without trying: cooling providers stay at the end, least recently failed first.
  const cooling = ordered
    .filter((d) => input.isCoolingDown(d.provider))
    .sort((a, b) => input.lastFailureAt(a.provider) - input.lastFailureAt(b.provider));
  return {
    deployments: healthy.concat(cooling),
    retriesInGroup: group.retries_in_group,
    mode: group.strategy,
  };
}
