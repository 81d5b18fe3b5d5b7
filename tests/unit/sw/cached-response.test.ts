import { describe, expect, it } from 'vitest';
import { cachedAnswer, offlineError } from '../../../sw/cached-response.js';
import type { TravelEntry } from '../../../src/app/travel-protocol.js';
import { completion } from './helpers.js';

const entry = (patch: Partial<TravelEntry> = {}): TravelEntry => ({
  key: 'k',
  summary: { group: 'default', feature: null, promptVersion: null, lastUser: 'hi', router: 'http://127.0.0.1:4100' },
  completion: completion('Saved answer'),
  provider: 'primary',
  model: 'gpt',
  costUsd: 0.001,
  createdAt: Date.now() - 90_000,
  lastHitAt: Date.now(),
  hits: 1,
  bytes: 100,
  ...patch,
});

describe('the answers the worker writes itself', () => {
  it('an offline answer says why the worker answered, how long it waited, how old the copy is and which router gave it', () => {
    const res = cachedAnswer(entry(), { stream: false, includeUsage: false, reason: 'offline', timing: { lookupMs: 1, workerMs: 8012.4, why: 'timeout' } });
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'x-ballast-travel': 'offline',
      'x-ballast-travel-why': 'timeout',
      'x-ballast-travel-waited-ms': '8012',
      'x-ballast-travel-age-s': '90',
      'x-ballast-travel-router': 'http://127.0.0.1:4100',
      'x-ballast-provider': 'primary',
    });
  });

  it('a repeat served first from the device carries no why', () => {
    const res = cachedAnswer(entry({ summary: { group: 'g', feature: null, promptVersion: null, lastUser: 'hi' } }), { stream: true, includeUsage: false, reason: 'repeat', timing: { lookupMs: 1, workerMs: 2 } });
    expect(res.headers.get('x-ballast-travel')).toBe('repeat');
    expect(res.headers.get('x-ballast-travel-why')).toBeNull();
    expect(res.headers.get('x-ballast-travel-router')).toBeNull();
  });

  it('the error for an unseen conversation tells no internet from a router that does not answer', async () => {
    const offline = offlineError(false);
    const down = offlineError(true);
    expect(offline.status).toBe(503);
    expect(offline.headers.get('x-ballast-travel-why')).toBe('network');
    expect(((await offline.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'offline_no_cached_answer', message: expect.stringContaining('You are offline (no internet)') });
    expect(((await down.json()) as { error: { message: string } }).error.message).toContain('could not be reached (this device is online)');
  });
});
