/** The Drill page's read-only panels: the clock, live figures and the timeline. */
import { useEffect, useState } from 'react';
import type { DrillView } from '../../core/drill/types.js';

export function formatClock(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  return `${ms < 0 ? '-' : ''}${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

const pct = (v: number | null, d = 1) => (v === null ? 'n/a' : `${(v * 100).toFixed(d)}%`);

/** Counts down to the deadline, corrected by the router's clock (skew measured at each poll). */
export function DrillClock({ drill, skewMs }: { drill: DrillView; skewMs: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const left = Date.parse(drill.deadline) - (now + skewMs);
  const over = left < 0;
  return (
    <div className={`drill-clock${over ? ' drill-clock-over' : ''}`} role="timer" aria-label="Time left in the drill">
      <span className="drill-clock-digits">{over ? `+${formatClock(-left)}` : formatClock(left)}</span>
      <span className="muted small">{over ? 'past the 30-minute deadline' : 'left of 30:00'}</span>
    </div>
  );
}

export function DrillFiguresPanel({ drill }: { drill: DrillView }) {
  const f = drill.figures;
  const p95Class = (met: boolean | null) => (met === false ? 'warn' : met ? 'ok' : '');
  return (
    <section aria-labelledby="drill-fig-h" className="drill-card">
      <h3 id="drill-fig-h">Live since the start</h3>
      <dl className="drill-figures">
        <dt>Requests</dt>
        <dd>
          {f.requests} ({f.failed} failed)
        </dd>
        <dt>Success rate</dt>
        <dd className={p95Class(f.met.success_rate)}>
          {pct(f.success_rate, 3)} <span className="muted">target {pct(f.targets.success_rate)}</span>
        </dd>
        <dt>p95</dt>
        <dd className={p95Class(f.met.p95)}>
          {f.p95_ms === null ? 'n/a' : `${Math.round(f.p95_ms)} ms`} <span className="muted">target {f.targets.p95_latency_ms} ms</span>
        </dd>
        <dt>p95 after the first failure</dt>
        <dd className={p95Class(f.met.p95_after_failure)} data-testid="p95-after">
          {f.p95_after_failure_ms === null ? 'no failure yet' : `${Math.round(f.p95_after_failure_ms)} ms`}
          {f.met.p95_after_failure === false ? ' MISSED' : ''}
        </dd>
        {drill.error_budget && (
          <>
            <dt>Error budget</dt>
            <dd>
              {drill.error_budget.failed_in_drill} failed of {drill.error_budget.allowed_in_window} allowed ({drill.error_budget.window_days} d)
            </dd>
          </>
        )}
      </dl>
      <h4>Traffic split</h4>
      {f.split.length === 0 ? (
        <p className="muted">No traffic yet: run ballast load, or send requests.</p>
      ) : (
        <ul className="drill-split" aria-label="Traffic split per provider">
          {f.split.map((s) => (
            <li key={s.provider}>
              <span className="drill-split-name">{s.provider}</span>
              <span className="drill-bar" aria-hidden="true">
                <span style={{ width: `${Math.round(s.share * 100)}%` }} />
              </span>
              <span>
                {s.requests} ({pct(s.share, 0)})
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function DrillTimeline({ drill }: { drill: DrillView }) {
  return (
    <section aria-labelledby="drill-tl-h" className="drill-card">
      <h3 id="drill-tl-h">Timeline</h3>
      <ol className="drill-timeline" aria-live="polite">
        {drill.timeline.map((e, i) => (
          <li key={`${e.at}-${i}`} className={`tl-${e.kind}`}>
            <time dateTime={e.at}>+{formatClock(e.offset_ms)}</time> <strong>{e.label}</strong>
            {e.step ? ` (${e.step})` : ''}
            {e.who ? <span className="muted"> · {e.who}</span> : null}
            {e.text && e.kind === 'note' ? <div>{e.text}</div> : e.detail ? <div className="muted small">{e.detail}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
