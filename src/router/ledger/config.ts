/**
 * The `ledger:` section of ballast.yaml. Defaults live here; the config owner mounts
 * it as `ledger: ledgerConfigSchema.prefault({})` in config/schema.ts.
 */
import { z } from 'zod';

export const ledgerConfigSchema = z.strictObject({
  /** SQLite file (relative to the working directory), or ":memory:" to keep nothing on disk. */
  path: z.string().min(1, 'must be a file path such as .ballast/ledger.db, or ":memory:"').default('.ballast/ledger.db'),
  /** How often queued rows are written, in one transaction. A crash loses at most this much. */
  flush_interval_ms: z.number().int().min(10, 'must be at least 10 (ms)').max(10_000, 'must be at most 10000 (ms)').default(100),
  /** Days raw request rows are kept. */
  raw_retention_days: z.number().int().min(1).max(3650).default(35),
  /** Days per-minute rollups (the SLO source) are kept; longer than any SLO window. */
  rollup_retention_days: z.number().int().min(1).max(3650).default(400),
  /**
   * Feature tags kept as rollup rows of their own; any other tag folds into "other", as on
   * /metrics, so a client cannot grow the rollups without bound (issue #11, item 9). Unset:
   * the features named under `features:` (config/schema.ts fills that in).
   */
  features: z.array(z.string().min(1).max(128, 'must be at most 128 characters')).max(1000, 'at most 1000 features; the rest fold into "other"').optional(),
});

export type LedgerConfig = z.infer<typeof ledgerConfigSchema>;
