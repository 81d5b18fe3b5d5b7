/**
 * Network first with a deadline, shared by the worker's strategies: the fetch's outcome,
 * or TIMED_OUT when it takes longer than `timeoutMs`. The fetch keeps going either way
 * (`network`), so a strategy can answer from storage and still use the late answer.
 *
 * @example
 *   const { first, network } = await raceNetwork(handler, request, 8000);
 *   if (first === TIMED_OUT) { ...serve stored...; outcome = await network; }
 */
import type { StrategyHandler } from 'workbox-strategies';

export type NetworkOutcome = { res: Response } | { err: unknown };
export const TIMED_OUT = Symbol('timed out');

export async function raceNetwork(
  handler: StrategyHandler,
  request: Request,
  timeoutMs: number,
): Promise<{ first: NetworkOutcome | typeof TIMED_OUT; network: Promise<NetworkOutcome> }> {
  const network: Promise<NetworkOutcome> = handler.fetch(request).then(
    (res) => ({ res }),
    (err: unknown) => ({ err }),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
  });
  const first = await Promise.race([network, timeout]);
  clearTimeout(timer);
  return { first, network };
}
