/** Starts every provider listener and the control listener; closes them all. */
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import { createControlHandler } from './control.js';
import { closeHard, listen, trackSockets, urlFor } from './http-util.js';
import type { Emulator, EmulatorEvents, EmulatorOptions } from './options.js';
import { ProviderListener } from './provider.js';

const NAME = /^[A-Za-z0-9_-]+$/;

/**
 * Starts the emulator. Ports 0 (the default) pick free ports.
 * @example
 *   const emu = await startEmulator({ providers: [{ name: 'primary' }, { name: 'secondary' }] });
 *   await fetch(`${emu.providers.primary.url}/v1/chat/completions`, { ... });
 *   await emu.close();
 */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const seed = options.seed ?? 1;
  const events = new EventEmitter<EmulatorEvents>();
  const listeners = new Map<string, ProviderListener>();
  for (const provider of options.providers) {
    if (!NAME.test(provider.name)) {
      throw new Error(`emulated provider name '${provider.name}' must use only letters, digits, '_' and '-'`);
    }
    if (listeners.has(provider.name)) throw new Error(`emulated provider '${provider.name}' is listed twice`);
    listeners.set(provider.name, new ProviderListener(provider, host, seed, events));
  }

  const control = createServer(createControlHandler(listeners));
  const controlSockets = trackSockets(control);
  const close = async (): Promise<void> => {
    await Promise.all([...[...listeners.values()].map((p) => p.close()), closeHard(control, controlSockets)]);
  };

  let controlPort: number;
  try {
    await Promise.all([...listeners.values()].map((p) => p.start()));
    controlPort = await listen(control, options.controlPort ?? 0, host);
  } catch (error) {
    await close();
    throw error;
  }

  return {
    controlUrl: urlFor(host, controlPort),
    providers: Object.fromEntries([...listeners].map(([name, p]) => [name, { url: p.url, port: p.port }])),
    events,
    close,
  };
}
