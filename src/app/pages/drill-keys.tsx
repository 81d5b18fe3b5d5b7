/**
 * Each provider's key state and the operator's controls: revoke the primary during a
 * drill, restore any revoked key at any time, so no one has to curl the admin API
 * after the drill (issue #19). Names are unique: "Restore primary's key" is not a
 * checklist step's "Mark done: Restore the primary's key".
 */
import { stateLabel } from './health/provider-state.js';
import type { ProviderStates } from './drill-api.js';

interface Props {
  providers: ProviderStates | null;
  primary: string;
  drillRunning: boolean;
  disabled: boolean;
  onAction(provider: string, action: 'revoke' | 'restore'): void;
}

export function ProviderKeys({ providers, primary, drillRunning, disabled, onAction }: Props) {
  if (providers === null) return <p className="muted">Provider states unknown: the router has not answered.</p>;
  const names = Object.keys(providers);
  const revoked = names.filter((n) => providers[n]?.state === 'revoked');
  return (
    <>
      <ul className="drill-keys">
        {names.map((name) => {
          const p = providers[name] as ProviderStates[string];
          const label = stateLabel(p.state);
          return (
            <li key={name} data-provider={name} data-state={p.state}>
              <strong>{name}</strong>
              {name === primary && <span className="muted small"> (primary)</span>}{' '}
              <span className={`badge state-${p.state} tone-${label.tone}`} data-testid={name === primary ? 'primary-state' : undefined}>
                <span aria-hidden="true">{label.icon} </span>
                {label.text}
              </span>
              {p.state === 'revoked' && (
                <button type="button" disabled={disabled} onClick={() => onAction(name, 'restore')}>
                  Restore {name}'s key
                </button>
              )}
              {drillRunning && name === primary && p.state !== 'revoked' && (
                <button type="button" className="danger" disabled={disabled} onClick={() => onAction(name, 'revoke')}>
                  Revoke {name}'s key
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {!drillRunning && revoked.length > 0 && (
        <p className="warn" role="status">
          {revoked.join(', ')} still {revoked.length === 1 ? 'has its key' : 'have their keys'} revoked: restore {revoked.length === 1 ? 'it' : 'them'} (a restart also puts every key back).
        </p>
      )}
    </>
  );
}
