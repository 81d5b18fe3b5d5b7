/**
 * The last resort behind every request's own error boundary (server.ts dispatch): an
 * exception that still escapes (a timer or stream callback, a bug) is logged, counted,
 * and the ledger flushed, and the router keeps serving. Exiting would drop the queued
 * ledger rows and reset what lives in memory (budgets, cooldowns), which is worse for
 * clients than one failed callback. Only a burst of them, a sign of a broken process
 * rather than one bad request, ends it, after a flush.
 */
import type { Logger } from './log.js';

export interface ProcessGuardDeps {
  log: Logger;
  /** Writes what is queued for the ledger; called after every escaped error. */
  flush: () => void;
  /** Counts the escaped error (metrics). */
  count?: () => void;
  /** Ends the process after too many escapes; default process.exit(70) (EX_SOFTWARE). */
  exit?: (code: number) => void;
  now?: () => number;
  /** More than this many within a minute ends the process (default 20). */
  maxPerMinute?: number;
}

/** Installs the handlers; returns a function that removes them. */
export function installProcessGuard(deps: ProcessGuardDeps, proc: NodeJS.Process = process): () => void {
  const now = deps.now ?? Date.now;
  const max = deps.maxPerMinute ?? 20;
  const recent: number[] = [];
  const onError = (kind: 'uncaught_exception' | 'unhandled_rejection') => (err: unknown) => {
    const t = now();
    recent.push(t);
    while (recent.length > 0 && (recent[0] as number) < t - 60_000) recent.shift();
    deps.log.error(kind, { error: String((err as Error)?.stack ?? err), within_minute: recent.length });
    deps.count?.();
    try {
      deps.flush();
    } catch (flushErr) {
      deps.log.error('ledger_flush_failed', { error: String(flushErr) });
    }
    if (recent.length > max) {
      deps.log.error('too_many_escaped_errors', { within_minute: recent.length, note: 'exiting so a supervisor restarts a clean process' });
      (deps.exit ?? ((code) => proc.exit(code)))(70);
    }
  };
  const onUncaught = onError('uncaught_exception');
  const onRejection = onError('unhandled_rejection');
  proc.on('uncaughtException', onUncaught);
  proc.on('unhandledRejection', onRejection);
  return () => {
    proc.off('uncaughtException', onUncaught);
    proc.off('unhandledRejection', onRejection);
  };
}
