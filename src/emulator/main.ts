/**
 * The emulator program: `node dist/emulator/main.js [flags]` or `ballast emulator`.
 * Prints where the emulated providers listen, tells a forking parent it is ready
 * over IPC, and closes cleanly on SIGTERM/SIGINT (or when that parent goes away).
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { EmulatorUsageError, USAGE, parseEmulatorArgs } from './cli-args.js';
import type { Emulator } from './options.js';
import { startEmulator } from './server.js';

export { EmulatorUsageError, parseEmulatorArgs } from './cli-args.js';

/** What the program touches of its process; tests pass their own. */
export interface EmulatorCliIO {
  env: Record<string, string | undefined>;
  out(line: string): void;
  err(line: string): void;
  /** Defined when started by fork(): receives the ready message. */
  send?: ((message: unknown) => void) | undefined;
  /** Emits SIGTERM, SIGINT and (IPC) disconnect. */
  signals: { once(event: string, listener: () => void): unknown; off(event: string, listener: () => void): unknown };
  setExitCode(code: number): void;
  /** Lets the process exit once closed (drops the IPC channel). */
  release(): void;
}

export interface ReadyMessage {
  type: 'ready';
  controlUrl: string;
  providers: Record<string, string>;
}

const STOP_EVENTS = ['SIGTERM', 'SIGINT', 'disconnect'] as const;

function processIO(): EmulatorCliIO {
  return {
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    send: process.send ? (message) => process.send?.(message) : undefined,
    signals: process,
    setExitCode: (code) => {
      process.exitCode = code;
    },
    release: () => {
      if (process.connected) process.disconnect();
    },
  };
}

/**
 * Runs the emulator until SIGTERM/SIGINT; resolves once every listener is closed.
 * Bad flags: prints the problem and sets exit code 2. Ports in use: exit code 1.
 */
export async function runEmulatorCli(argv: string[], io: EmulatorCliIO = processIO()): Promise<void> {
  let parsed: ReturnType<typeof parseEmulatorArgs>;
  try {
    parsed = parseEmulatorArgs(argv, io.env);
  } catch (error) {
    if (!(error instanceof EmulatorUsageError)) throw error;
    io.err(`ballast emulator: ${error.message}`);
    io.err('Run "ballast emulator --help" for the list of flags.');
    io.setExitCode(error.exitCode);
    return;
  }
  if (parsed.help) {
    io.out(USAGE);
    return;
  }

  let emulator: Emulator;
  try {
    emulator = await startEmulator(parsed.options);
  } catch (error) {
    io.err(`ballast emulator: could not start: ${error instanceof Error ? error.message : String(error)}`);
    io.setExitCode(1);
    return;
  }

  for (const [name, { url }] of Object.entries(emulator.providers)) {
    const keyed = (parsed.options.providers.find((p) => p.name === name)?.keys?.length ?? 0) > 0;
    const keys = keyed ? `keys from ${parsed.keyEnv[name]}` : 'any non-empty key';
    io.out(`emulated provider ${name}: ${url}  (OpenAI ${url}/v1, Anthropic ${url}/v1/messages; ${keys})`);
  }
  io.out(`emulated providers' control API: ${emulator.controlUrl}  (GET ${emulator.controlUrl}/providers)`);
  const ready: ReadyMessage = {
    type: 'ready',
    controlUrl: emulator.controlUrl,
    providers: Object.fromEntries(Object.entries(emulator.providers).map(([name, p]) => [name, p.url])),
  };
  io.send?.(ready);

  await new Promise<void>((resolve) => {
    const stop = () => {
      for (const event of STOP_EVENTS) io.signals.off(event, stop);
      resolve();
    };
    for (const event of STOP_EVENTS) {
      if (event !== 'disconnect' || io.send) io.signals.once(event, stop);
    }
  });
  await emulator.close();
  io.release();
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  runEmulatorCli(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`ballast emulator: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
