import { useEffect, useState } from 'react';
import { bytes, count, dollars, percent } from '../format.js';
import type { TravelCounters, TravelTotals } from '../travel-protocol.js';
import { travel } from '../travel-client.js';

interface StorageInfo {
  usage: number | null;
  quota: number | null;
  persisted: boolean | null;
}

async function storageInfo(): Promise<StorageInfo> {
  const s = navigator.storage;
  if (!s) return { usage: null, quota: null, persisted: null };
  const [est, persisted] = await Promise.all([s.estimate().catch(() => ({}) as StorageEstimate), s.persisted ? s.persisted().catch(() => null) : Promise.resolve(null)]);
  return { usage: est.usage ?? null, quota: est.quota ?? null, persisted };
}

/** Hits over everything the cache was asked; null before the first request. */
export function hitRate(c: TravelCounters): number | null {
  const asked = c.hits + c.misses;
  return asked === 0 ? null : c.hits / asked;
}

/** The cache's counters, its size, and this origin's storage (used, quota, persistent). */
export function TravelStats({ version }: { version: number }) {
  const [counters, setCounters] = useState<TravelCounters | null>(null);
  const [totals, setTotals] = useState<TravelTotals | null>(null);
  const [storage, setStorage] = useState<StorageInfo | null>(null);
  const [persistNote, setPersistNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let gone = false;
    Promise.all([travel.counters(), travel.totals(), storageInfo()])
      .then(([c, t, s]) => {
        if (gone) return;
        setCounters(c);
        setTotals(t);
        setStorage(s);
        setError(null);
      })
      .catch((err: Error) => !gone && setError(err.message));
    return () => {
      gone = true;
    };
  }, [version]);

  const askPersist = async () => {
    if (!navigator.storage?.persist) {
      setPersistNote('This browser cannot make storage persistent.');
      return;
    }
    const granted = await navigator.storage.persist().catch(() => false);
    setStorage(await storageInfo());
    setPersistNote(granted ? 'The browser will keep this storage until you clear it.' : 'The browser said no; installing the app or using it more often usually changes that.');
  };

  return (
    <section aria-labelledby="stats-h" className="travel-stats">
      <h3 id="stats-h">At a glance</h3>
      {error && (
        <p className="warn" role="alert">
          {error}
        </p>
      )}
      <dl className="stat-grid">
        <div>
          <dt>Hit rate</dt>
          <dd data-stat="hit-rate">{counters ? percent(hitRate(counters)) : '…'}</dd>
          <dd className="muted small">{counters ? `${count(counters.hits, 'hit')}, ${count(counters.misses, 'miss', 'misses')}` : ''}</dd>
        </div>
        <div>
          <dt>Offline answers</dt>
          <dd data-stat="offline-answers">{counters?.offlineAnswers ?? '…'}</dd>
        </div>
        <div>
          <dt>Dollars saved</dt>
          <dd data-stat="dollars-saved">{counters ? dollars(counters.dollarsSaved) : '…'}</dd>
          <dd className="muted small">{counters ? `${bytes(counters.bytesSaved)} not downloaded` : ''}</dd>
        </div>
        <div>
          <dt>Stored answers</dt>
          <dd data-stat="stored">{totals ? totals.count : '…'}</dd>
          <dd className="muted small">{totals ? bytes(totals.bytes) : ''}</dd>
        </div>
        <div>
          <dt>Storage used</dt>
          <dd data-stat="storage">{storage?.usage != null ? `${bytes(storage.usage)} of ${storage.quota != null ? bytes(storage.quota) : '?'}` : storage ? 'unknown' : '…'}</dd>
          <dd className="muted small">the whole app: shell, cache, snapshots</dd>
        </div>
        <div>
          <dt>Persistent storage</dt>
          <dd data-stat="persisted">{storage === null ? '…' : storage.persisted === null ? 'unknown' : storage.persisted ? 'yes' : 'no'}</dd>
          <dd>
            {storage?.persisted !== true && (
              <button type="button" className="secondary" onClick={() => void askPersist()}>
                Ask to keep storage
              </button>
            )}
          </dd>
        </div>
      </dl>
      {persistNote && (
        <p className="muted small" role="status">
          {persistNote}
        </p>
      )}
      {storage?.persisted === false && !persistNote && (
        <p className="muted small">Not persistent: the browser may delete the cache when the disk fills up.</p>
      )}
    </section>
  );
}
