/** The request ledger's public surface. See docs/ledger.md. */
export { ledgerConfigSchema, type LedgerConfig } from './config.js';
export { openLedger, ledgerRecorder, type Ledger, type LedgerDeps, type LedgerStats } from './ledger.js';
export { toLedgerRow, isEligible, OUTCOMES, type LedgerRow, type AttemptSummary } from './row.js';
export { InvalidCursorError, DEFAULT_LIMIT, MAX_LIMIT, type ListRequestsOptions, type RequestsPage } from './queries.js';
export { aggregate, UNIDENTIFIED, NO_PROVIDER } from './rollup-aggregate.js';
export type { PruneResult } from './retention.js';
