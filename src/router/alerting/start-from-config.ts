/**
 * Paging from ballast.yaml in one call: notifiers (their variables checked), the outbox
 * file, the evaluation loop.
 *
 * @example
 *   const alerting = startAlertingFromConfig({ config: config.alerting, slo: withDefaults(config.slo),
 *     env, rollups: (from, to) => ledger.rollupsBetween(from, to), log, cwd });
 *   // on shutdown: await alerting?.close();
 */
import type { SloConfig } from '../../core/slo/config.js';
import type { Rollup } from '../../core/slo/rollup.js';
import type { Logger } from '../log.js';
import type { AlertingConfig } from './config.js';
import { createNotifiers } from './create-notifiers.js';
import { openOutbox } from './outbox.js';
import { startAlerting, type Alerting } from './start-alerting.js';

export interface AlertingFromConfigOptions {
  /** The parsed `alerting:` section. */
  config: AlertingConfig;
  /** `withDefaults(config.slo)`. */
  slo: SloConfig;
  env: NodeJS.ProcessEnv;
  rollups: (fromMs: number, toMs: number) => Iterable<Rollup>;
  log: Logger;
  /** Base for a relative `alerting.path` (default: process.cwd()). */
  cwd?: string;
}

/** The running alerting, or null when `alerting.enabled` is false. Throws ConfigError on a missing variable or an unusable file. */
export function startAlertingFromConfig(options: AlertingFromConfigOptions): Alerting | null {
  const { config, log } = options;
  if (!config.enabled) return null;
  const notifiers = createNotifiers(config.notifiers, options.env);
  const outbox = openOutbox({
    path: config.path,
    log,
    backoff: { initialMs: config.retry.initial_s * 1000, maxMs: config.retry.max_s * 1000 },
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  try {
    return startAlerting({
      rollups: options.rollups,
      config: options.slo,
      notifiers,
      outbox,
      log,
      intervalMs: config.interval_s * 1000,
      instance: config.instance,
      retentionMs: config.retention_days * 86_400_000,
    });
  } catch (err) {
    void outbox.close();
    throw err;
  }
}
