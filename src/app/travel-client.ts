/**
 * The page's client for the travel cache in the service worker: one postMessage per
 * call, the reply on a MessageChannel.
 *
 * @example
 *   const { entries } = await travel.list({ search: 'invoice', limit: 20 });
 */
import type { ListPage, ListQuery, TravelCounters, TravelEntry, TravelExport, TravelReply, TravelRequest, TravelResults, TravelSettings, TravelTotals } from './travel-protocol.js';
import { whenControlled } from './register-sw.js';

export class TravelClientError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TravelClientError';
  }
}

const TIMEOUT_MS = 10_000;

async function ask<T extends TravelRequest['type']>(req: Extract<TravelRequest, { type: T }>): Promise<TravelResults[T]> {
  const worker = await whenControlled();
  const channel = new MessageChannel();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      channel.port1.close();
      reject(new TravelClientError('no_reply', 'The service worker did not answer; reload the page.'));
    }, TIMEOUT_MS);
    channel.port1.onmessage = (e: MessageEvent<TravelReply<TravelResults[T]>>) => {
      clearTimeout(timer);
      channel.port1.close();
      const reply = e.data;
      if (reply.ok) resolve(reply.result);
      else reject(new TravelClientError(reply.error.code, reply.error.message));
    };
    worker.postMessage(req, [channel.port2]);
  });
}

export const travel = {
  list: (query: ListQuery = {}): Promise<ListPage> => ask({ type: 'travel:list', query }),
  get: (key: string): Promise<TravelEntry | null> => ask({ type: 'travel:get', key }),
  delete: (key: string): Promise<boolean> => ask({ type: 'travel:delete', key }),
  clear: (): Promise<number> => ask({ type: 'travel:clear' }),
  export: (): Promise<TravelExport> => ask({ type: 'travel:export' }),
  counters: (): Promise<TravelCounters> => ask({ type: 'travel:counters' }),
  totals: (): Promise<TravelTotals> => ask({ type: 'travel:totals' }),
  getSettings: (): Promise<TravelSettings> => ask({ type: 'travel:get-settings' }),
  setSettings: (settings: Partial<TravelSettings>): Promise<TravelSettings> => ask({ type: 'travel:set-settings', settings }),
  /** Tells the worker which router origin to cache for (null: the app's own). */
  setRouterOrigin: (origin: string | null): Promise<string | null> => ask({ type: 'travel:set-router-origin', origin }),
  getRouterOrigin: (): Promise<string | null> => ask({ type: 'travel:get-router-origin' }),
};

export type TravelClient = typeof travel;
