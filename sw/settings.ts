/** The travel settings the page can change, validated at the edge. */
import { DEFAULT_SETTINGS, type TravelSettings } from '../src/app/travel-protocol.js';
import type { TravelDb } from './travel-db.js';

export const MIN_TIMEOUT_MS = 100;
export const MAX_TIMEOUT_MS = 120_000;

export async function readSettings(db: TravelDb): Promise<TravelSettings> {
  const rec = await db.get('meta', 'settings');
  return rec?.id === 'settings' ? { ...DEFAULT_SETTINGS, ...rec.value } : { ...DEFAULT_SETTINGS };
}

/** Throws a RangeError naming the field when a value is out of range. */
export function validateSettings(patch: Partial<TravelSettings>): Partial<TravelSettings> {
  const out: Partial<TravelSettings> = {};
  if (patch.networkTimeoutMs !== undefined) {
    const ms = patch.networkTimeoutMs;
    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < MIN_TIMEOUT_MS || ms > MAX_TIMEOUT_MS) {
      throw new RangeError(`networkTimeoutMs must be a whole number of milliseconds from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS}.`);
    }
    out.networkTimeoutMs = ms;
  }
  if (patch.cacheFirstForRepeats !== undefined) {
    if (typeof patch.cacheFirstForRepeats !== 'boolean') throw new RangeError('cacheFirstForRepeats must be true or false.');
    out.cacheFirstForRepeats = patch.cacheFirstForRepeats;
  }
  return out;
}

export async function writeSettings(db: TravelDb, patch: Partial<TravelSettings>): Promise<TravelSettings> {
  const next = { ...(await readSettings(db)), ...validateSettings(patch) };
  await db.put('meta', { id: 'settings', value: next });
  return next;
}
