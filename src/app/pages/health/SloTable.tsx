import type { WindowSlis } from '../../../core/slo/compute-slis.js';
import { rollingLabel, type SloApiReport } from '../../slo-feed.js';
import { formatCount, formatMs, formatPercent, formatSuccessRate, formatUsd, formatWindow } from './format.js';

type Sli = 'successRate' | 'p95LatencyMs' | 'avgCostUsd';
const MET_KEY = { successRate: 'successRate', p95LatencyMs: 'p95Latency', avgCostUsd: 'avgCost' } as const;

/** The windows the table shows: 5 m, 1 h and the rolling SLO window. */
export function shownWindows(report: SloApiReport): WindowSlis[] {
  const pick = (ms: number) => report.windows.find((w) => w.ms === ms);
  return [pick(5 * 60_000), pick(3_600_000), report.rolling].filter((w, i, all): w is WindowSlis => w !== undefined && all.indexOf(w) === i);
}

/** The SLIs side by side with their targets, each judged met or missed in words. */
export function SloTable({ report }: { report: SloApiReport }) {
  const windows = shownWindows(report);
  const t = report.targets;
  const rows: Array<{ sli: Sli; label: string; target: string; format: (v: number | null) => string }> = [
    { sli: 'successRate', label: 'Success rate', target: `at least ${formatSuccessRate(t.success_rate)}`, format: formatSuccessRate },
    { sli: 'p95LatencyMs', label: 'p95 latency', target: `at most ${formatMs(t.p95_latency_ms)}`, format: formatMs },
    { sli: 'avgCostUsd', label: 'Average cost per request', target: `at most ${formatUsd(t.avg_cost_usd)}`, format: formatUsd },
  ];
  const head = (w: WindowSlis) => (w === report.rolling ? `${formatWindow(w.ms)} (rolling SLO window${rollingLabel(report, '').replace(/^, /, ': ')})` : `last ${formatWindow(w.ms)}`);
  return (
    <table className="slo-table">
      <caption>Service level objectives against their targets</caption>
      <thead>
        <tr>
          <th scope="col">SLI</th>
          <th scope="col">Target</th>
          {windows.map((w) => (
            <th scope="col" key={w.window}>
              {head(w)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.sli}>
            <th scope="row">{r.label}</th>
            <td>{r.target}</td>
            {windows.map((w) => {
              const v = w[r.sli];
              const met = w.met[MET_KEY[r.sli]];
              return (
                <td key={w.window} data-sli={r.sli} data-window={w.window} data-value={v === null ? 'null' : String(v)} data-met={String(met)}>
                  <span className="figure">{r.format(v)}</span> <Verdict met={met} window={w} />
                </td>
              );
            })}
          </tr>
        ))}
        <tr>
          <th scope="row">Requests (eligible)</th>
          <td className="muted">—</td>
          {windows.map((w) => (
            <td key={w.window} data-sli="eligible" data-window={w.window} data-value={String(w.eligible)}>
              <span className="figure">{formatCount(w.eligible)}</span>
              <span className="muted small"> of {formatCount(w.sent)} sent{excludedText(w)}</span>
              {w.failures > 0 && <span className="muted small"> · failed: {failuresText(w)}</span>}
            </td>
          ))}
        </tr>
        <tr>
          <th scope="row">Provider-served only</th>
          <td className="muted">{windows[0]?.cacheHitsInPromise ? 'the promise counts cache hits' : 'the promise leaves cache hits out'}</td>
          {windows.map((w) => (
            <td key={w.window} data-sli="withoutCacheHits" data-window={w.window}>
              <span className="small">
                p95 {formatMs(w.withoutCacheHits.p95LatencyMs)} · {formatUsd(w.withoutCacheHits.avgCostUsd)} a request
              </span>
            </td>
          ))}
        </tr>
        <tr>
          <th scope="row">Router cache hit rate</th>
          <td className="muted">—</td>
          {windows.map((w) => (
            <td key={w.window} data-sli="cacheHitRate" data-window={w.window} data-value={w.cacheHitRate === null ? 'null' : String(w.cacheHitRate)}>
              <span className="figure">{formatPercent(w.cacheHitRate)}</span>
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}

/** What the window left out of its eligible requests, by kind. */
function excludedText(w: WindowSlis): string {
  const parts = [
    w.clientErrors > 0 ? `${formatCount(w.clientErrors)} client errors` : '',
    w.cancelledEarly > 0 ? `${formatCount(w.cancelledEarly)} cancelled early` : '',
    w.clientGone > 0 ? `${formatCount(w.clientGone)} left after the answer began` : '',
  ].filter((p) => p !== '');
  return parts.length > 0 ? `; excluded: ${parts.join(', ')}` : '';
}

/** The eligible failures by cause. */
function failuresText(w: WindowSlis): string {
  return [
    w.providerErrors > 0 ? `${formatCount(w.providerErrors)} by providers` : '',
    w.abandoned > 0 ? `${formatCount(w.abandoned)} abandoned after the target` : '',
    w.internalErrors > 0 ? `${formatCount(w.internalErrors)} by ballast` : '',
  ]
    .filter((p) => p !== '')
    .join(', ');
}

/** Met or missed in words and a symbol, never by colour alone; no verdict on too little traffic. */
export function Verdict({ met, window }: { met: boolean | null; window?: WindowSlis }) {
  if (met === null && window?.verdict === 'not_enough_traffic' && window.eligible > 0) {
    return (
      <span className="verdict muted small" data-verdict="not-enough-traffic">
        not enough traffic yet ({formatCount(window.eligible)} of {formatCount(window.minRequests)})
      </span>
    );
  }
  if (met === null) return null; // the figure already says "no data"
  return met ? (
    <span className="verdict verdict-met">
      <span aria-hidden="true">✓ </span>met
    </span>
  ) : (
    <span className="verdict verdict-missed">
      <span aria-hidden="true">✗ </span>missed
    </span>
  );
}
