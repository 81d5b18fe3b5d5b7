/**
 * Starting ballast: find the configuration (file, real keys, or the embedded
 * emulated default), validate it, start the emulator when it is the upstream, and
 * listen. Any configuration problem stops the start with a message naming the key.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError } from './config/config-error.js';
import { prepareConfig } from './config/prepare-config.js';
import { resolveConfigSource, type ResolvedConfig } from './config/source.js';
import { EMULATOR_KEY_ENV, emulatedProvidersConfig } from './config/defaults.js';
import type { Config } from './config/schema.js';
import type { Logger } from './log.js';
import { closeRuntime, createRuntime, type Runtime } from './runtime.js';
import { createRouterServer, listen } from './server.js';
import { SqliteAnswerCache } from './cache/sqlite-answer-cache.js';
import { ledgerRecorder, openLedger, type Ledger } from './ledger/index.js';
import { startAlertingFromConfig } from './alerting/index.js';
import { createTracing } from './telemetry/traces/index.js';
import { routerSecrets } from './secrets/router-secrets.js';
import { resolve } from 'node:path';
import { openDrills } from './drill/index.js';
import { restoreBudgetSpend } from './budgets/restore-spend.js';

export interface StartOptions {
  configPath?: string | undefined;
  host?: string | undefined;
  port?: number | undefined;
  env: NodeJS.ProcessEnv;
  log: Logger;
  cwd?: string;
  /** How long close() lets in-flight requests finish before cutting them (default 10 s). */
  drainMs?: number;
}


export interface Ballast {
  url: string;
  runtime: Runtime;
  config: Config;
  mode: ResolvedConfig['mode'];
  source: string;
  emulator: { controlUrl: string; providers: Record<string, string> } | null;
  close(): Promise<void>;
}

export async function startBallast(opts: StartOptions): Promise<Ballast> {
  const resolved = resolveConfigSource(opts);
  const env = { ...opts.env };
  let emulator: EmulatorChild | null = null;
  let opened: Runtime | null = null;
  let raw = resolved.raw;
  const port = opts.port ?? (env.BALLAST_PORT ? Number(env.BALLAST_PORT) : undefined) ?? 4100;
  try {
    if (resolved.mode === 'emulated') {
      env[EMULATOR_KEY_ENV.primary] = `emu-${randomBytes(12).toString('hex')}`;
      env[EMULATOR_KEY_ENV.secondary] = `emu-${randomBytes(12).toString('hex')}`;
      emulator = await startEmulatorChild(env, port === 0 ? [0, 0, 0] : [port + 1, port + 2, port + 9]);
      raw = emulatedProvidersConfig({ primary: emulator.providers.primary as string, secondary: emulator.providers.secondary as string });
    }
    // The same validation check-config runs, files and environment included.
    const config = prepareConfig({ raw, source: resolved.source, env, cwd: opts.cwd ?? process.cwd(), host: opts.host, port: opts.port });
    const runtime = createRuntime(config, env, opts.log);
    if (config.cache.policy !== 'off' || Object.values(config.features).some((f) => f.cache?.policy && f.cache.policy !== 'off')) {
      runtime.answerCache = openAnswerCache(config, opts.cwd);
    }
    opened = runtime;
    const tracing = createTracing(config.tracing, env, opts.log, { providers: config.providers, secrets: routerSecrets({ config, env }) });
    if (tracing) runtime.recorders.push(tracing.recorder);
    runtime.ledger = openLedgerOrExplain(config, opts);
    runtime.recorders.push(ledgerRecorder(runtime.ledger));
    const ledger = runtime.ledger;
    restoreBudgetSpend(runtime.budgets, config, (from) => ledger.spendSince(from), Date.now());
    runtime.drills = openDrills(runtime, opts.cwd ?? process.cwd());
    runtime.alerting = startAlertingFromConfig({
      config: config.alerting,
      slo: runtime.slo,
      env,
      rollups: (from, to) => ledger.rollupsBetween(from, to),
      log: opts.log,
      ...(opts.cwd ? { cwd: opts.cwd } : {}),
    });
    const httpServer = createRouterServer(runtime);
    const url = await listen(httpServer, config.server.host, config.server.port);
    const child = emulator;
    return {
      url,
      runtime,
      config,
      mode: resolved.mode,
      source: resolved.source,
      emulator: child ? { controlUrl: child.controlUrl, providers: child.providers } : null,
      async close() {
        await new Promise<void>((resolve) => {
          const cut = setTimeout(() => {
            runtime.cutting = true;
            httpServer.closeAllConnections();
          }, opts.drainMs ?? 10_000);
          httpServer.close(() => {
            clearTimeout(cut);
            resolve();
          });
          httpServer.closeIdleConnections();
        });
        await closeRuntime(runtime);
        await tracing?.shutdown();
        await runtime.alerting?.close();
        runtime.answerCache?.close();
        runtime.drills?.close();
        runtime.ledger?.close(); // flushes what is queued: a SIGTERM loses nothing
        await child?.stop();
      },
    };
  } catch (err) {
    await opened?.alerting?.close();
    opened?.drills?.close();
    opened?.ledger?.close();
    opened?.answerCache?.close();
    await emulator?.stop();
    throw err;
  }
}

interface EmulatorChild {
  controlUrl: string;
  providers: Record<string, string>;
  stop(): Promise<void>;
}

/** Runs the emulator as its own process: it is never part of the router's request path. */
function startEmulatorChild(env: NodeJS.ProcessEnv, ports: [number, number, number]): Promise<EmulatorChild> {
  const main = fileURLToPath(new URL('../emulator/main.js', import.meta.url));
  const child: ChildProcess = fork(
    main,
    ['--provider', `primary:${ports[0]}`, '--provider', `secondary:${ports[1]}`, '--control-port', String(ports[2]), '--latency-ms', '60', '--ttft-ms', '120', '--tokens-per-second', '150'],
    { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
  );
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  process.once('exit', () => child.kill('SIGTERM'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the emulator did not start within 10 s'));
    }, 10_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited before it was ready (${signal ?? `code ${code}`}); are ports ${ports.join(', ')} free? Pick another router --port.`));
    });
    child.on('message', (msg: { type?: string; controlUrl?: string; providers?: Record<string, string> }) => {
      if (msg?.type !== 'ready' || !msg.controlUrl || !msg.providers) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      // The channel stays open so the emulator can exit when the router dies, but
      // does not by itself keep the router alive.
      child.channel?.unref();
      resolve({ controlUrl: msg.controlUrl, providers: msg.providers, stop });
    });
  });
}

function openAnswerCache(config: Config, cwd = process.cwd()): SqliteAnswerCache {
  const path = config.cache.path === ':memory:' ? ':memory:' : resolve(cwd, config.cache.path);
  try {
    return new SqliteAnswerCache({ path, maxAgeDays: config.cache.max_age_days });
  } catch (err) {
    throw new ConfigError('configuration', [`cache.path: cannot open ${path} (${(err as Error).message}); point it at a writable file, or ":memory:"`]);
  }
}

function openLedgerOrExplain(config: Config, opts: StartOptions): Ledger {
  try {
    return openLedger(config.ledger, { cwd: opts.cwd ?? process.cwd(), log: opts.log });
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError('configuration', [`ledger.path: cannot open ${config.ledger.path} (${(err as Error).message}); point it at a writable file, or ":memory:"`]);
  }
}
