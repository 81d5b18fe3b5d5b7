/** The fault-injectable provider emulator: a separate program the router may start, never import in its request path. */
export { startEmulator } from './server.js';
export type {
  EmulatedModel,
  EmulatedProviderOptions,
  Emulator,
  EmulatorEvents,
  EmulatorOptions,
  ExchangeEvent,
  RequestEvent,
} from './options.js';
export type { Fault, FaultKind } from './faults.js';
export type { ProviderStats, RecordedRequest } from './recorder.js';
