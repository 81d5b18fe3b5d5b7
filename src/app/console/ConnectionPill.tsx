import { STATE_LABEL, useConnection } from './connection.js';

/** The header's connection pill, in the console's vocabulary (connection.ts). */
export function ConnectionPill() {
  const s = useConnection();
  const on = s === 'unknown' || s === 'reachable' || s === 'slow';
  return (
    <span className={`net ${on ? 'net-on' : 'net-off'}`} role="status" data-connection={s}>
      {STATE_LABEL[s]}
    </span>
  );
}
