/**
 * Opening the drills: the store next to the ledger, the service, its recorder. See docs/drill.md.
 */
import { computeSlis } from '../../core/slo/compute-slis.js';
import { RollupWindow } from '../api/rollup-window.js';
import type { Runtime } from '../runtime.js';
import { DrillStore } from './drill-store.js';
import { drillsPathFor, openDrillDatabase } from './drill-database.js';
import { Drills } from './drills.js';

export { Drills } from './drills.js';
export { drillRoute } from './drills-api.js';

/** Opens the drill store for a runtime whose ledger is open, and hooks the drill recorder in. */
export function openDrills(rt: Runtime, cwd: string): Drills {
  const store = new DrillStore(openDrillDatabase(drillsPathFor(rt.config.ledger.path, cwd)));
  const group = rt.config.groups.default ?? Object.values(rt.config.groups)[0];
  const drills = new Drills({
    store,
    keys: rt.keyOverrides,
    cooldowns: rt.cooldowns,
    log: rt.log,
    slo: rt.slo,
    providers: Object.keys(rt.config.providers),
    primary: group?.deployments[0]?.provider ?? Object.keys(rt.config.providers)[0] ?? 'primary',
    windowBudget: () => {
      const ledger = rt.ledger;
      if (!ledger) return null;
      ledger.flush();
      rt.rollupWindow ??= new RollupWindow(ledger, rt.slo.window_days * 86_400_000);
      const now = Date.now();
      const report = computeSlis(rt.rollupWindow.at(now), now, rt.slo);
      return { allowed: report.budget.allowed, eligible: report.rolling.eligible, window_days: rt.slo.window_days };
    },
  });
  rt.recorders.push(drills.recorder);
  return drills;
}
