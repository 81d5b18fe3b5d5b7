/**
 * What the kit's documents are filled from: the active config and the SLO engine's
 * report, computed by the same function as GET /api/slo at one instant, so every figure
 * in the kit equals the one /api/slo shows for the same requests.
 */
import type { SloConfig } from '../../core/slo/config.js';
import type { WindowSlis } from '../../core/slo/compute-slis.js';
import { sloApiReport, type SloApiDeps, type SloApiReport } from '../api/slo.js';
import type { Config } from '../config/schema.js';
import { measuredPeriod, periodWords, type MeasuredPeriod } from '../../core/slo/measured-period.js';
import { pagingOf, type Paging } from './paging.js';

export interface ProviderFigures {
  name: string;
  kind: string;
  emulated: boolean;
  /** The rolling window's SLIs for the requests this provider served. */
  rolling: WindowSlis;
}

export interface KitData {
  /** ISO time the figures were computed at. */
  generatedAt: string;
  /** The active config (documents other than the config itself read names and numbers only). */
  config: Config;
  slo: SloConfig;
  /** Exactly what GET /api/slo answers at `generatedAt`. */
  report: SloApiReport;
  /** Per serving provider, from the same engine with a provider filter. */
  providers: ProviderFigures[];
  /** The bypass switch as it is now (it may differ from the config's routing.bypass). */
  bypassOn: boolean;
  /** The environment variable that holds the admin token. */
  adminTokenEnv: string;
  /** How much of the rolling window has data. */
  period: MeasuredPeriod;
  /** The rolling window in words as far as it is measured: 'rolling 30 days' or 'the 19 hours measured so far (…)'. */
  rollingWords: string;
  /** Whether alerts are evaluated and who, if anyone, they page. */
  paging: Paging;
}

export interface KitSources {
  config: Config;
  deps: SloApiDeps;
  bypassOn: boolean;
  now?: number;
}

/** The kit's inputs at one instant. */
export function collectKitData(src: KitSources): KitData {
  const now = src.now ?? (src.deps.now ?? Date.now)();
  const report = sloApiReport(src.deps, {}, now);
  const period = measuredPeriod(src.deps.rollups.at(now), now, src.deps.slo.window_days * 86_400_000);
  const providers = Object.entries(src.config.providers).map(([name, p]) => ({
    name,
    kind: p.kind,
    emulated: p.emulated,
    rolling: sloApiReport(src.deps, { provider: name }, now).rolling,
  }));
  return {
    generatedAt: report.generated_at,
    config: src.config,
    slo: src.deps.slo,
    report,
    providers,
    bypassOn: src.bypassOn,
    adminTokenEnv: src.config.server.admin_token_env,
    period,
    rollingWords: periodWords(period, src.deps.slo.window_days),
    paging: pagingOf(src.config),
  };
}
