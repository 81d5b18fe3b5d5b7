/**
 * The HTTP listener of one emulated provider and the lifecycle of its exchanges:
 * abort on client disconnect, counting, events, and closing/reopening on the same
 * port for the `refuse` fault.
 */
import type { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Outlet } from './delivery.js';
import { handleExchange } from './exchange.js';
import type { Fault } from './faults.js';
import { closeHard, listen, trackSockets, urlFor } from './http-util.js';
import type { EmulatedProviderOptions, EmulatorEvents } from './options.js';
import { ProviderState } from './provider-state.js';
import type { RecordedRequest } from './recorder.js';

interface Live {
  controller: AbortController;
  /** The emulator ended it on purpose (cut, refuse, close): not a client abort. */
  severed: boolean;
}

export class ProviderListener {
  readonly state: ProviderState;
  readonly #server: Server;
  readonly #sockets: Set<Socket>;
  readonly #live = new Set<Live>();
  readonly #host: string;
  readonly #events: EventEmitter<EmulatorEvents>;
  #port: number;
  /** Listener transitions run one at a time so refuse/reopen races cannot interleave. */
  #transitions: Promise<unknown> = Promise.resolve();

  constructor(options: EmulatedProviderOptions, host: string, seed: number, events: EventEmitter<EmulatorEvents>) {
    this.state = new ProviderState(options, seed);
    this.#host = host;
    this.#port = options.port ?? 0;
    this.#events = events;
    this.#server = createServer((req, res) => this.#onRequest(req, res));
    this.#sockets = trackSockets(this.#server);
  }

  get name(): string {
    return this.state.name;
  }

  get port(): number {
    return this.#port;
  }

  get url(): string {
    return urlFor(this.#host, this.#port);
  }

  get listening(): boolean {
    return this.#server.listening;
  }

  start(): Promise<void> {
    return this.#transition(() => this.#open());
  }

  close(): Promise<void> {
    return this.#transition(() => this.#stop());
  }

  /** Replaces the fault; `refuse` closes the listener, any other kind reopens it. */
  setFault(fault: Fault): Promise<void> {
    this.state.faults.set(fault);
    return this.#transition(() => (fault.kind === 'refuse' ? this.#stop() : this.#open()));
  }

  clearFault(): Promise<void> {
    this.state.faults.clear();
    return this.#transition(() => this.#open());
  }

  reset(): Promise<void> {
    this.state.reset();
    return this.#transition(() => this.#open());
  }

  #transition(step: () => Promise<void>): Promise<void> {
    const next = this.#transitions.then(step);
    this.#transitions = next.catch(() => undefined);
    return next;
  }

  async #open(): Promise<void> {
    if (this.#server.listening) return;
    this.#port = await listen(this.#server, this.#port, this.#host);
  }

  async #stop(): Promise<void> {
    for (const live of this.#live) live.severed = true;
    await closeHard(this.#server, this.#sockets);
  }

  #onRequest(req: IncomingMessage, res: ServerResponse): void {
    const { state } = this;
    const live: Live = { controller: new AbortController(), severed: false };
    this.#live.add(live);
    state.recorder.arrived();
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    this.#events.emit('request', { provider: state.name, method, path });
    res.setHeader('x-emulated-provider', state.name);

    let recorded: RecordedRequest | undefined;
    const closed = new Promise<boolean>((resolve) => {
      res.once('close', () => {
        const aborted = !res.writableFinished && !live.severed;
        state.recorder.closed(aborted);
        live.controller.abort();
        resolve(aborted);
      });
    });
    const outlet: Outlet = {
      res,
      signal: live.controller.signal,
      committed: (status) => {
        state.recorder.answered(status);
        if (recorded) recorded.status = status;
      },
      sever: () => {
        live.severed = true;
        res.destroy();
      },
      bill: (input, output) => state.recorder.billed(input, output),
    };
    const handled = handleExchange({ state, req, outlet, onRecorded: (entry) => (recorded = entry) }).catch((error: unknown) =>
      this.#onFailure(outlet, error),
    );
    void Promise.all([handled, closed]).then(([, aborted]) => {
      this.#live.delete(live);
      this.#events.emit('exchange', {
        provider: state.name,
        method,
        path,
        status: res.headersSent ? res.statusCode : null,
        aborted,
      });
    });
  }

  /** Aborts after a disconnect are expected; anything else is an emulator bug, answered as a 500. */
  #onFailure(outlet: Outlet, error: unknown): void {
    const { res } = outlet;
    if (outlet.signal.aborted || res.destroyed || !res.socket || res.socket.destroyed) return;
    console.error(`[emulator:${this.name}] request failed:`, error);
    if (res.headersSent) return outlet.sever();
    const body = JSON.stringify({ error: { message: 'emulator internal error', type: 'server_error', param: null, code: null } });
    res.writeHead(500, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
    outlet.committed(500);
    res.end(body);
  }
}
