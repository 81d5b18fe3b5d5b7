/**
 * The alert state machine's state, kept across restarts: a ballast restarted during an
 * incident finds its alert still firing and does not page again; one that resolved
 * while it was down pages the resolve on its first evaluation.
 */
import type Database from 'better-sqlite3';
import type { AlertState } from '../../core/slo/alert-state.js';
import type { AlertName } from '../../core/slo/config.js';
import type { AlertsState } from '../../core/slo/evaluate-alerts.js';

const NAMES: ReadonlySet<string> = new Set<AlertName>(['latency', 'success', 'cost', 'burn_rate']);
const PHASES: ReadonlySet<string> = new Set(['inactive', 'pending', 'firing', 'resolved']);

export class AlertStateStore {
  readonly #all: Database.Statement;
  readonly #clear: Database.Statement;
  readonly #put: Database.Statement;
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#all = db.prepare('SELECT alert, state FROM alert_state');
    this.#clear = db.prepare('DELETE FROM alert_state');
    this.#put = db.prepare('INSERT INTO alert_state (alert, state) VALUES (?, ?)');
  }

  /** The saved state; rows that do not parse (a hand-edited file) are left out: that alert starts afresh. */
  load(): AlertsState {
    const state: AlertsState = {};
    for (const r of this.#all.all() as Array<{ alert: string; state: string }>) {
      if (!NAMES.has(r.alert)) continue;
      try {
        const s = JSON.parse(r.state) as AlertState;
        if (PHASES.has(s.phase)) state[r.alert as AlertName] = s;
      } catch {
        // Starting that alert afresh is the safe reading of a damaged row.
      }
    }
    return state;
  }

  /** Replaces the saved state; joins the caller's transaction when there is one. */
  save(state: AlertsState): void {
    this.#db.transaction(() => {
      this.#clear.run();
      for (const [alert, s] of Object.entries(state)) if (s !== undefined) this.#put.run(alert, JSON.stringify(s));
    })();
  }
}
