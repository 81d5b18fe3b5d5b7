/**
 * One vocabulary for what the connection is doing, shared by the header pill, the
 * console's banner and each answer card: no internet, router unreachable (while
 * online), a wrong router URL, a slow link answered from this device, a stream cut
 * mid-way. The state is learnt from the console's own requests and a /healthz probe.
 */
import { useSyncExternalStore } from 'react';
import { routerUrl } from '../api.js';
import { getSettings } from '../settings.js';
import { TRAVEL_HEADER } from '../travel-protocol.js';

/** Why a request failed, as a card says it. */
export type ConnectionFailure = 'no-internet' | 'router-unreachable' | 'stream-cut';

/** What the pill says. `unknown`: nothing has been asked yet; `slow`: the router sent no headers within the worker's timeout. */
export type ConnectionState = 'unknown' | 'reachable' | 'slow' | 'no-internet' | 'router-unreachable';

export const STATE_LABEL: Record<ConnectionState, string> = {
  unknown: 'online',
  reachable: 'online',
  slow: 'online: slow link',
  'no-internet': 'offline: no internet',
  'router-unreachable': 'online: router unreachable',
};

export const FAILURE_LABEL: Record<ConnectionFailure, string> = {
  'no-internet': 'No internet',
  'router-unreachable': 'Router unreachable',
  'stream-cut': 'Stream cut',
};

/** What a failure means for the user, and what to do about it. */
export function failureMessage(f: ConnectionFailure, detail = ''): string {
  const where = getSettings().routerUrl.trim();
  switch (f) {
    case 'no-internet':
      return 'You are offline: this device has no internet connection.';
    case 'router-unreachable':
      return where === ''
        ? `The router that served this app did not answer, though this device is online${detail ? ` (${detail})` : ''}. Is it running?`
        : `The router at ${where} did not answer, though this device is online${detail ? ` (${detail})` : ''}. Is it running, and is the URL in Settings right?`;
    case 'stream-cut':
      return `The answer stopped mid-way: the connection to the router broke${detail ? ` (${detail})` : ''}. What arrived is kept; Retry asks again.`;
  }
}

/** The failure behind a request that got no response at all. */
export function failureOfNoResponse(online: boolean): 'no-internet' | 'router-unreachable' {
  return online ? 'router-unreachable' : 'no-internet';
}

let reported: ConnectionState = 'unknown';
let online = typeof navigator === 'undefined' ? true : navigator.onLine;
const listeners = new Set<() => void>();

function emit(): void {
  for (const l of listeners) l();
}

export function currentConnection(): ConnectionState {
  return online ? (reported === 'no-internet' ? 'router-unreachable' : reported) : 'no-internet';
}

/** Records what the last request showed. */
export function reportConnection(s: ConnectionState): void {
  if (s === reported) return;
  reported = s;
  emit();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

if (typeof window !== 'undefined') {
  const onChange = () => {
    online = navigator.onLine;
    emit();
    if (online) void probeRouter();
  };
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
}

export function useConnection(): ConnectionState {
  return useSyncExternalStore(subscribe, currentConnection);
}

/**
 * Asks the router's /healthz whether it answers. The worker keeps a snapshot of /healthz
 * for the health panel: an answer marked x-ballast-travel is that snapshot, not the router.
 */
export async function probeRouter(timeoutMs = 4000): Promise<ConnectionState> {
  if (!navigator.onLine) {
    reportConnection('no-internet');
    return 'no-internet';
  }
  try {
    const res = await fetch(routerUrl('/healthz'), { cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
    const s: ConnectionState = res.headers.get(TRAVEL_HEADER) === null && res.status < 500 ? 'reachable' : 'router-unreachable';
    reportConnection(s);
    return s;
  } catch {
    const s = failureOfNoResponse(navigator.onLine);
    reportConnection(s);
    return s;
  }
}
