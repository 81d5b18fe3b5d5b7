/**
 * A GET polled while the component is shown, read the way slo-feed.ts reads /api/slo:
 * offline, the service worker answers with its last snapshot and says how old it is.
 *
 * @example const { data, fromSnapshot } = usePolledJson<Healthz>('/healthz', 5000);
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { getJson } from '../../api.js';
import { SNAPSHOT_AGE_HEADER } from '../../travel-protocol.js';

interface State<T> {
  data: T | null;
  /** The path `data` answers (it may lag `path` right after a change). */
  dataPath: string | null;
  /** The worker answered with a saved snapshot. */
  fromSnapshot: boolean;
  /** Seconds the data had aged when it arrived (0 when live). */
  snapshotAgeS: number;
  receivedAt: number | null;
  error: string | null;
}

export interface Polled<T> extends State<T> {
  refresh(): Promise<void>;
}

export function usePolledJson<T>(path: string, intervalMs: number): Polled<T> {
  const [state, setState] = useState<State<T>>({ data: null, dataPath: null, fromSnapshot: false, snapshotAgeS: 0, receivedAt: null, error: null });
  const current = useRef(path);
  current.current = path;

  const refresh = useCallback(async () => {
    const asked = path;
    try {
      const { data, res } = await getJson<T>(asked);
      if (current.current !== asked) return; // an answer for a view no longer shown
      const age = res.headers.get(SNAPSHOT_AGE_HEADER);
      setState({ data, dataPath: asked, fromSnapshot: age !== null, snapshotAgeS: age === null ? 0 : Number(age), receivedAt: Date.now(), error: null });
    } catch (err) {
      if (current.current === asked) setState((s) => ({ ...s, error: (err as Error).message }));
    }
  }, [path]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [refresh, intervalMs]);

  return { ...state, refresh };
}

/** The time now, re-read every `ms` while mounted (ages keep ticking on screen). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
