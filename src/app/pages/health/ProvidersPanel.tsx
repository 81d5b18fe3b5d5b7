import { useState } from 'react';
import { postJson } from '../../api.js';
import { formatAge } from './format.js';
import { stateLabel } from './provider-state.js';
import type { RouterState } from './types.js';

interface Props {
  state: RouterState | null;
  /** The state shown is a saved snapshot or the last answer: the router cannot be reached. */
  stale: boolean;
  /** How old the state shown is, in seconds (ticking), when known. */
  ageS: number | null;
  /** Why there is no state: the last error, e.g. no saved copy offline. */
  error: string | null;
  onChange(next: RouterState): void;
}

/** Each provider's routing state (GET /healthz) and the bypass switch (POST /admin/bypass). */
export function ProvidersPanel({ state, stale, ageS, error: readError, onChange }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = async () => {
    if (!state) return;
    setBusy(true);
    setError(null);
    try {
      const { data } = await postJson<RouterState>('/admin/bypass', { enabled: !state.bypass.enabled });
      onChange(data);
    } catch (err) {
      setError(`The bypass did not change: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="providers-h">
      <h3 id="providers-h">Providers</h3>
      {state === null ? (
        <p className="muted" data-figure="providers" data-value={readError ? 'none' : 'reading'}>
          {readError ? `No provider states on this device yet: ${readError}` : 'Reading GET /healthz…'}
        </p>
      ) : (
        <>
          {stale && (
            <p className="stale-note" data-stale-age-s={ageS === null ? '' : Math.floor(ageS)}>
              <strong>
                <span aria-hidden="true">⚠ </span>Stale{ageS !== null && <>: as of {formatAge(ageS)} ago</>}.
              </strong>{' '}
              The router cannot be reached; these states may have changed since.
            </p>
          )}
          <ul className={`providers ${stale ? 'providers-stale' : ''}`}>
            {Object.entries(state.providers).map(([name, p]) => {
              const label = stateLabel(p.state);
              return (
              <li key={name} className={`state-${p.state} tone-${stale ? 'stale' : label.tone}`} data-provider={name} data-state={p.state} data-stale={String(stale)}>
                <strong>{name}</strong> <span className="muted small">{p.kind}</span>
                {p.emulated && <span className="badge badge-emulated">emulated</span>}
                <span className="badge provider-state">
                  <span aria-hidden="true">{label.icon} </span>
                  {label.text}
                  {stale && <span className="stale-tag">, last known</span>}
                </span>
                {p.state === 'revoked' && p.revoked_at && <span className="small"> since {new Date(p.revoked_at).toLocaleTimeString()} (a drill; restore it on the Drill page)</span>}
                {p.state === 'cooling_down' && p.cooling_down_until && (
                  <span className="small">
                    {' '}
                    until {new Date(p.cooling_down_until).toLocaleTimeString()}
                    {p.reason ? ` (${p.reason})` : ''}
                  </span>
                )}
                {p.recent_failures > 0 && <span className="small muted"> · {p.recent_failures} recent failures</span>}
              </li>
              );
            })}
          </ul>
          <div className="bypass">
            <button type="button" role="switch" aria-checked={state.bypass.enabled} aria-describedby="bypass-help" disabled={busy || stale} onClick={() => void toggle()} data-bypass={String(state.bypass.enabled)}>
              Bypass: {state.bypass.enabled ? 'on' : 'off'}
            </button>
            <p id="bypass-help" className="small muted">
              {state.bypass.enabled
                ? 'On: every request goes to the primary provider only, with no retry and no failover. Turn it off to restore routing.'
                : 'Off: requests are routed, retried and failed over. Turning it on sends everything to the primary only (an admin call).'}
              {stale && ' The router cannot be reached: the switch works again once it can.'}
            </p>
          </div>
          {error && (
            <p role="alert" className="warn">
              {error}
            </p>
          )}
        </>
      )}
    </section>
  );
}
