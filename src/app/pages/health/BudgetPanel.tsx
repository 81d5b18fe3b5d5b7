import { rollingLabel, type SloApiReport } from '../../slo-feed.js';
import { formatAge, formatBurnRate, formatCount, formatMs, formatPercent, formatSuccessRate, formatUsd, formatWindow } from './format.js';
import type { AlertView } from './types.js';

/** The error budget over the rolling window, burn rates and the freeze it implies. */
export function BudgetPanel({ report }: { report: SloApiReport }) {
  const b = report.budget;
  const ratio = b.remainingRatio;
  return (
    <section className="card" aria-labelledby="budget-h">
      <h3 id="budget-h">Error budget ({rollingLabel(report, `${formatWindow(report.rolling.ms)} rolling`)})</h3>
      {report.rolling.verdict === 'not_enough_traffic' && (
        <p className="small" data-figure="budget-traffic">
          Not enough traffic yet ({formatCount(report.rolling.eligible)} of {formatCount(report.rolling.minRequests)} eligible requests): no verdict and no freeze until
          then.
        </p>
      )}
      <p className="headline" data-figure="budget-remaining" data-value={String(b.remaining)}>
        <span className="figure">{formatCount(b.remaining)}</span> failures left
        {ratio !== null && (
          <span className="muted" data-figure="budget-ratio" data-value={String(ratio)}>
            {' '}
            ({formatPercent(ratio)} of the budget)
          </span>
        )}
      </p>
      {ratio !== null && <meter min={0} max={1} low={0.25} optimum={1} value={Math.max(0, ratio)} aria-label="Error budget left" />}
      <p className="small">
        Spent <span data-figure="budget-spent" data-value={String(b.spent)}>{formatCount(b.spent)}</span> of{' '}
        <span data-figure="budget-allowed" data-value={String(b.allowed)}>{formatCount(b.allowed)}</span> allowed failures (
        {formatCount(report.rolling.eligible)} eligible requests at a {formatPercent(report.targets.success_rate)} target).
      </p>
      <p className={report.freeze.active ? 'freeze freeze-on' : 'freeze freeze-off'} data-figure="freeze" data-value={String(report.freeze.active)}>
        {report.freeze.active ? (
          <>
            <strong>
              <span aria-hidden="true">⚠ </span>Freeze on.
            </strong>{' '}
            {report.freeze.reason}
          </>
        ) : (
          <>
            <span aria-hidden="true">✓ </span>No freeze: budget left, changes may ship.
          </>
        )}
      </p>
      <h4>Burn rate</h4>
      <p className="small muted">1x spends the budget exactly over the window; 14.4x over 1 h spends 2% of a 30-day budget.</p>
      <table className="compact">
        <thead>
          <tr>
            <th scope="col">Window</th>
            <th scope="col">Burn rate</th>
            <th scope="col">Eligible</th>
          </tr>
        </thead>
        <tbody>
          {report.burnRates.map((r) => (
            <tr key={r.window}>
              <th scope="row">last {formatWindow(r.ms)}</th>
              <td data-figure="burn-rate" data-window={r.window} data-value={r.rate === null ? 'null' : String(r.rate)}>
                {formatBurnRate(r.rate)}
              </td>
              <td>{formatCount(r.eligible)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** An alert's value in its unit: a fraction for success, ms for latency, USD for cost. */
function alertValue(alert: string, v: number): string {
  if (alert === 'success') return formatSuccessRate(v);
  if (alert === 'latency') return formatMs(v);
  if (alert === 'cost') return formatUsd(v);
  return formatBurnRate(v);
}

const PHASE_TEXT: Record<AlertView['phase'], string> = { inactive: 'OK', pending: 'pending', firing: 'FIRING', resolved: 'resolved' };

interface AlertsProps {
  alerts: AlertView[] | null;
  /** Time now (ms), re-read every second so the ages tick. */
  now: number;
  /** The report is a saved copy: the router cannot be reached. */
  stale: boolean;
}

/**
 * When the alerts were read and will be read next. An alert reads its own window every
 * interval, so it can say OK while the 1 h table beside it says missed (issue #19).
 */
function Evaluated({ alerts, now, stale }: { alerts: AlertView[]; now: number; stale: boolean }) {
  const at = Math.max(...alerts.map((a) => Date.parse(a.evaluated_at)));
  const next = alerts.map((a) => a.next_evaluation_at).find((x) => x) ?? null;
  const interval = alerts.find((a) => a.interval_s)?.interval_s ?? null;
  const nextMs = next === null ? null : Date.parse(next) - now;
  return (
    <p className={`small ${stale ? 'stale-note' : 'muted'}`} data-figure="alerts-evaluated-at" data-value={new Date(at).toISOString()}>
      {stale && (
        <strong>
          <span aria-hidden="true">⚠ </span>Stale:{' '}
        </strong>
      )}
      Evaluated {formatAge((now - at) / 1000)} ago ({new Date(at).toLocaleTimeString()})
      {interval !== null && `, every ${interval} s`}
      {stale ? '; the router cannot be reached, so they may have changed.' : nextMs !== null ? (nextMs > 0 ? `; next in ${formatAge(nextMs / 1000)}.` : '; next any moment.') : '.'} Each alert reads its own
      window (below), which may differ from the table's.
    </p>
  );
}

/** The alert states from /api/slo; alerting may be off (null). */
export function AlertsPanel({ alerts, now, stale }: AlertsProps) {
  return (
    <section className="card" aria-labelledby="alerts-h">
      <h3 id="alerts-h">Alerts</h3>
      {alerts !== null && alerts.length > 0 && <Evaluated alerts={alerts} now={now} stale={stale} />}
      {alerts === null ? (
        <p className="muted" data-figure="alerts" data-value="off">
          Alerting is off (alerting.enabled: false).
        </p>
      ) : alerts.length === 0 ? (
        <p className="muted">No alert evaluated yet: the alerts are checked every 15 s.</p>
      ) : (
        <ul className={`alerts ${stale ? 'alerts-stale' : ''}`} data-figure="alerts" data-value={String(alerts.length)}>
          {alerts.map((a) => (
            <li key={a.alert} className={`alert alert-${a.phase}`} data-alert={a.alert} data-phase={a.phase}>
              <span className="alert-name">{a.alert.replace('_', ' ')}</span>
              <span className="badge">
                {a.phase === 'firing' && <span aria-hidden="true">⚠ </span>}
                {PHASE_TEXT[a.phase]}
                {stale && <span className="stale-tag">, last known</span>}
              </span>
              <span className="small muted">
                {' '}
                over {a.window}
                {a.value !== null ? `, now ${alertValue(a.alert, a.value)} (threshold ${alertValue(a.alert, a.threshold)})` : ', no data yet'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
