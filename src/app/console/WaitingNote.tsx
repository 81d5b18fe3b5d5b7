import { useEffect, useState } from 'react';

/**
 * While no response headers have arrived: how long it has been, and when the worker
 * will answer from a saved copy instead (its network timeout), counting down.
 */
export function WaitingNote({ since, networkTimeoutMs }: { since: number; networkTimeoutMs: number | null }) {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, []);
  const waited = Math.max(0, (now - since) / 1000);
  const left = networkTimeoutMs === null ? null : Math.max(0, networkTimeoutMs / 1000 - waited);
  return (
    <p className="waiting muted small" data-waiting>
      Waiting for the router: {waited.toFixed(0)} s.{' '}
      {left !== null && left > 0 && <span data-countdown>If it stays silent, this device answers from a saved copy (if it has one) in {Math.ceil(left)} s.</span>}
      {left === 0 && <span>The link is slow: no saved copy here, still waiting for the router.</span>}
    </p>
  );
}
