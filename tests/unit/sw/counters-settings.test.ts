import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/app/travel-protocol.js';
import { bumpCounters, readCounters, resetCounters, ZERO_COUNTERS } from '../../../sw/counters.js';
import { readSettings, validateSettings, writeSettings } from '../../../sw/settings.js';
import { openTravelDb } from '../../../sw/travel-db.js';
import { freshDbName } from './helpers.js';

describe('travel counters', () => {
  it('start at zero and add up, also when bumped concurrently', async () => {
    const db = await openTravelDb(freshDbName());
    expect(await readCounters(db)).toEqual(ZERO_COUNTERS);
    await Promise.all([
      bumpCounters(db, { hits: 1, offlineAnswers: 1, bytesSaved: 100, dollarsSaved: 0.0015 }),
      bumpCounters(db, { misses: 1 }),
      bumpCounters(db, { hits: 1, bytesSaved: 50, dollarsSaved: 0.0005 }),
    ]);
    const c = await readCounters(db);
    expect(c).toMatchObject({ hits: 2, misses: 1, offlineAnswers: 1, bytesSaved: 150 });
    expect(c.dollarsSaved).toBeCloseTo(0.002, 12);
    await resetCounters(db);
    expect(await readCounters(db)).toEqual(ZERO_COUNTERS);
  });

  it('never throw, even when the database is closed', async () => {
    const db = await openTravelDb(freshDbName());
    db.close();
    await expect(bumpCounters(db, { hits: 1 })).resolves.toBeUndefined();
  });
});

describe('travel settings', () => {
  it('default, then persist a patch', async () => {
    const db = await openTravelDb(freshDbName());
    expect(await readSettings(db)).toEqual(DEFAULT_SETTINGS);
    expect(await writeSettings(db, { cacheFirstForRepeats: true })).toEqual({ ...DEFAULT_SETTINGS, cacheFirstForRepeats: true });
    expect(await writeSettings(db, { networkTimeoutMs: 2500 })).toEqual({ networkTimeoutMs: 2500, cacheFirstForRepeats: true });
    expect(await readSettings(db)).toEqual({ networkTimeoutMs: 2500, cacheFirstForRepeats: true });
  });

  it('refuse out-of-range values with a message naming the field', () => {
    expect(() => validateSettings({ networkTimeoutMs: 5 })).toThrow(/networkTimeoutMs/);
    expect(() => validateSettings({ networkTimeoutMs: 1.5e3 + 0.5 })).toThrow(RangeError);
    expect(() => validateSettings({ cacheFirstForRepeats: 'yes' as never })).toThrow(/cacheFirstForRepeats/);
    expect(validateSettings({})).toEqual({});
  });
});
