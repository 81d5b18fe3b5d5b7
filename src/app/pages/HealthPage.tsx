/**
 * The health panel: the SLOs against their targets, the error budget and burn rates,
 * alerts, each provider's state with the bypass switch, charts over time, and both
 * cache hit rates. Offline (or with the router unreachable) it shows the last snapshot
 * the service worker kept, and says how old it is.
 */
import { useEffect, useState } from 'react';
import { refreshSlo, useSloFeed } from '../slo-feed.js';
import { travel } from '../travel-client.js';
import type { TravelCounters } from '../travel-protocol.js';
import { AlertsPanel, BudgetPanel } from './health/BudgetPanel.js';
import { formatAge, formatCount, formatPercent } from './health/format.js';
import { ProvidersPanel } from './health/ProvidersPanel.js';
import { SeriesCharts } from './health/SeriesCharts.js';
import { SloTable } from './health/SloTable.js';
import type { AlertView, RouterState } from './health/types.js';
import { useNow, usePolledJson } from './health/use-polled-json.js';
import './health.css';

function useTravelCounters(refreshKey: number): TravelCounters | null {
  const [counters, setCounters] = useState<TravelCounters | null>(null);
  useEffect(() => {
    let live = true;
    const read = () => void travel.counters().then((c) => live && setCounters(c), () => undefined);
    read();
    const timer = setInterval(read, 10_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [refreshKey]);
  return counters;
}

export function HealthPage() {
  const feed = useSloFeed();
  const healthz = usePolledJson<RouterState>('/healthz', 5000);
  const [refreshKey, setRefreshKey] = useState(0);
  const counters = useTravelCounters(refreshKey);
  const now = useNow(1000);

  const report = feed.report;
  const stale = feed.fromSnapshot || feed.error !== null;
  const ageS = feed.receivedAt === null ? null : (feed.snapshotAgeS ?? 0) + (now - feed.receivedAt) / 1000;
  const healthzStale = healthz.fromSnapshot || healthz.error !== null;
  const healthzAgeS = healthz.receivedAt === null ? null : healthz.snapshotAgeS + (now - healthz.receivedAt) / 1000;
  const hour = report?.windows.find((w) => w.ms === 3_600_000) ?? null;
  const travelLookups = counters ? counters.hits + counters.misses : 0;
  const travelRate = counters && travelLookups > 0 ? counters.hits / travelLookups : null;

  const refresh = () => {
    void refreshSlo();
    void healthz.refresh();
    setRefreshKey((k) => k + 1);
  };

  return (
    <section aria-labelledby="page-h" className="health" data-generated-at={report?.generated_at ?? ''} data-stale={String(stale)}>
      <div className="health-head">
        <h2 id="page-h">Health</h2>
        <button type="button" onClick={refresh}>
          Refresh
        </button>
      </div>

      <Freshness stale={stale} ageS={ageS} error={feed.error} generatedAt={report?.generated_at ?? null} />

      {report === null ? (
        <p className="muted">{feed.error ? `No health data yet: ${feed.error}` : 'Reading GET /api/slo…'}</p>
      ) : (
        <>
          <div className="health-cards">
            <section className="card" aria-labelledby="cache-h">
              <h3 id="cache-h">Cache hit rate</h3>
              <dl className="figures">
                <div>
                  <dt>Router cache, last hour</dt>
                  <dd data-figure="router-cache-hit-rate" data-value={hour?.cacheHitRate != null ? String(hour.cacheHitRate) : 'null'}>
                    {formatPercent(hour?.cacheHitRate ?? null)}
                    {hour && <span className="small muted"> of {formatCount(hour.eligible)} requests</span>}
                  </dd>
                </div>
                <div>
                  <dt>Router cache, {report.targets.window_days} days</dt>
                  <dd>{formatPercent(report.rolling.cacheHitRate)}</dd>
                </div>
                <div>
                  <dt>This device's travel cache</dt>
                  <dd data-figure="travel-hit-rate" data-value={travelRate === null ? 'null' : String(travelRate)}>
                    {counters === null ? 'unavailable' : formatPercent(travelRate)}
                    {counters && (
                      <span className="small muted">
                        {' '}
                        {formatCount(counters.hits)} of {formatCount(travelLookups)} lookups, {formatCount(counters.offlineAnswers)} answered offline
                      </span>
                    )}
                  </dd>
                </div>
              </dl>
            </section>
            <BudgetPanel report={report} />
            <AlertsPanel alerts={report.alerts as AlertView[] | null} now={now} stale={stale} />
          </div>
          <div className="card table-card">
            <SloTable report={report} />
          </div>
        </>
      )}

      <ProvidersPanel state={healthz.data} stale={healthzStale} ageS={healthzAgeS} error={healthz.error} onChange={() => void healthz.refresh()} />
      <SeriesCharts refreshKey={refreshKey} />
    </section>
  );
}

interface FreshnessProps {
  stale: boolean;
  ageS: number | null;
  error: string | null;
  generatedAt: string | null;
}

/** Live, or the last known health and its age (re-rendered every second, so it ticks). */
function Freshness({ stale, ageS, error, generatedAt }: FreshnessProps) {
  if (ageS === null) return null;
  const at = generatedAt ? new Date(generatedAt).toLocaleString() : '';
  if (!stale) {
    return (
      <p className="freshness freshness-live small" data-age-s={Math.floor(ageS)}>
        <span aria-hidden="true">● </span>Live: updated {formatAge(ageS)} ago.
      </p>
    );
  }
  return (
    <p className="freshness freshness-stale" data-age-s={Math.floor(ageS)}>
      {/* only the unchanging phrase is live: a ticking age would be announced every second */}
      <strong>
        <span aria-hidden="true">⚠ </span>
        <span role="status">Last known health</span>, <span className="age">{formatAge(ageS)} old</span>
      </strong>{' '}
      <span className="small">
        (as of {at}). {navigator.onLine ? `The router cannot be reached${error ? `: ${error}` : ''}.` : 'You are offline.'} Figures update when it answers again.
      </span>
    </p>
  );
}
