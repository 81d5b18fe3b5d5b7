import { useEffect, useMemo, useState } from 'react';
import { formatAge, formatMs, formatSuccessRate } from './format.js';
import type { SeriesReport } from './types.js';
import { UPlotChart } from './UPlotChart.js';
import { useNow, usePolledJson } from './use-polled-json.js';

const RANGES = [
  { id: '1h', label: 'Last hour', query: 'minutes=60&step=1', note: 'one point per minute', pollMs: 15_000 },
  { id: '24h', label: 'Last 24 hours', query: 'minutes=1440&step=5', note: 'one point per 5 minutes', pollMs: 60_000 },
] as const;
type RangeId = (typeof RANGES)[number]['id'];

const rpm = (v: number) => `${Number(v.toPrecision(3))}/min`;

/** Success rate, p95 latency and requests per minute over time (GET /api/slo/series). */
export function SeriesCharts({ refreshKey }: { refreshKey: number }) {
  const [range, setRange] = useState<RangeId>('1h');
  const r = RANGES.find((x) => x.id === range) ?? RANGES[0];
  const polled = usePolledJson<SeriesReport>(`/api/slo/series?${r.query}`, r.pollMs);
  const now = useNow(1000);
  useEffect(() => {
    if (refreshKey > 0) void polled.refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refreshKey]);
  const s = polled.data;
  const successPct = useMemo(() => s?.successRate.map((v) => (v === null ? null : v * 100)) ?? [], [s]);
  const stale = polled.fromSnapshot || polled.error !== null;
  const age = polled.receivedAt === null ? null : polled.snapshotAgeS + (now - polled.receivedAt) / 1000;
  return (
    <section className="card charts" aria-labelledby="charts-h" data-range={range} data-eligible-total={s ? s.eligible.reduce((a, b) => a + b, 0) : ''}>
      <div className="card-head">
        <h3 id="charts-h">Over time</h3>
        <fieldset className="range">
          <legend className="visually-hidden">Time range</legend>
          {RANGES.map((x) => (
            <label key={x.id}>
              <input type="radio" name="series-range" value={x.id} checked={range === x.id} onChange={() => setRange(x.id)} />
              {x.label}
            </label>
          ))}
        </fieldset>
      </div>
      <p className="small muted">
        {r.note}; gaps are minutes without traffic.
        {s && stale && age !== null && <span className="stale-note"> Saved charts, {formatAge(age)} old.</span>}
      </p>
      {s === null ? (
        <p className="muted">{polled.error ? `Charts unavailable: ${polled.error}` : 'Loading charts…'}</p>
      ) : (
        <div className="chart-grid">
          <UPlotChart id="chart-success" title="Success rate" t={s.t} y={successPct} target={s.targets.success_rate * 100} yMax={100} format={(v) => formatSuccessRate(v / 100)} />
          <UPlotChart id="chart-p95" title="p95 latency" t={s.t} y={s.p95LatencyMs} target={s.targets.p95_latency_ms} format={formatMs} />
          <UPlotChart id="chart-rpm" title="Requests per minute" t={s.t} y={s.requestsPerMinute} format={rpm} />
        </div>
      )}
    </section>
  );
}
