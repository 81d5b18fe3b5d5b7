/** The travel cache's counters, one record in `meta`, bumped in their own short transaction. */
import type { TravelCounters } from '../src/app/travel-protocol.js';
import type { TravelDb } from './travel-db.js';

export const ZERO_COUNTERS: TravelCounters = { hits: 0, misses: 0, offlineAnswers: 0, bytesSaved: 0, dollarsSaved: 0 };

export async function readCounters(db: TravelDb): Promise<TravelCounters> {
  const rec = await db.get('meta', 'counters');
  return rec?.id === 'counters' ? { ...ZERO_COUNTERS, ...rec.value } : { ...ZERO_COUNTERS };
}

/** Adds `delta` to the counters. Failures are swallowed: counting must never fail a request. */
export async function bumpCounters(db: TravelDb, delta: Partial<TravelCounters>): Promise<void> {
  try {
    const tx = db.transaction('meta', 'readwrite');
    const rec = await tx.store.get('counters');
    const value: TravelCounters = rec?.id === 'counters' ? { ...ZERO_COUNTERS, ...rec.value } : { ...ZERO_COUNTERS };
    for (const k of Object.keys(delta) as Array<keyof TravelCounters>) value[k] += delta[k] ?? 0;
    await tx.store.put({ id: 'counters', value });
    await tx.done;
  } catch {
    // a full disk or a closing database: the answer matters more than the tally
  }
}

export async function resetCounters(db: TravelDb): Promise<void> {
  await db.put('meta', { id: 'counters', value: { ...ZERO_COUNTERS } });
}
