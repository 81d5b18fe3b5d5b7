import { useState } from 'react';
import { postJson } from '../../api.js';
import type { RouterState } from './types.js';

const STATE_TEXT = { healthy: 'healthy', cooling_down: 'cooling down', bypassed: 'bypassed' } as const;
const STATE_ICON = { healthy: '●', cooling_down: '◐', bypassed: '○' } as const;

interface Props {
  state: RouterState | null;
  /** The state shown is a saved snapshot: the switch cannot reach the router. */
  stale: boolean;
  onChange(next: RouterState): void;
}

/** Each provider's routing state (GET /healthz) and the bypass switch (POST /admin/bypass). */
export function ProvidersPanel({ state, stale, onChange }: Props) {
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
        <p className="muted">Reading GET /healthz…</p>
      ) : (
        <>
          <ul className="providers">
            {Object.entries(state.providers).map(([name, p]) => (
              <li key={name} className={`state-${p.state}`} data-provider={name} data-state={p.state}>
                <strong>{name}</strong> <span className="muted small">{p.kind}</span>
                {p.emulated && <span className="badge badge-emulated">emulated</span>}
                <span className="badge provider-state">
                  <span aria-hidden="true">{STATE_ICON[p.state]} </span>
                  {STATE_TEXT[p.state]}
                </span>
                {p.state === 'cooling_down' && p.cooling_down_until && (
                  <span className="small">
                    {' '}
                    until {new Date(p.cooling_down_until).toLocaleTimeString()}
                    {p.reason ? ` (${p.reason})` : ''}
                  </span>
                )}
                {p.recent_failures > 0 && <span className="small muted"> · {p.recent_failures} recent failures</span>}
              </li>
            ))}
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
