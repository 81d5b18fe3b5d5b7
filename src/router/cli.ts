/**
 * The `ballast` command. Each subcommand is a small function; `--help` on any of
 * them says exactly what it takes.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from './config/config-error.js';
import { parsePort } from './config/load.js';
import { createLogger, parseLevel } from './log.js';
import { resolveConfigSource } from './config/source.js';
import { EMULATOR_KEY_ENV, emulatedProvidersConfig } from './config/defaults.js';
import { prepareConfig } from './config/prepare-config.js';
import type { Config } from './config/schema.js';

const HELP = `ballast: one OpenAI-compatible endpoint in front of two providers, with failover.

Usage: ballast <command> [options]

Commands:
  start          Run the router (default 127.0.0.1:4100).
  check-config   Validate the configuration and exit (0 = valid, 1 = not).
  rules          Write Prometheus recording and alerting rules (and their promtool tests) for the SLO alerts.
  load           Send bounded traffic to a running router (rate, duration, prompt mix), with progress.
  drill          Run the 30-minute failover drill from a terminal (checklist, clock, report).
  kit            Write the SLO kit (6 documents, .md and printable .html) from a running router.
  emulator       Run the fault-injectable provider emulator on its own.
  help           Show this help; "ballast <command> --help" for a command's options.

Configuration: --config FILE, else $BALLAST_CONFIG, else ./ballast.yaml, else the
built-in default: the real OpenAI + Anthropic providers when OPENAI_API_KEY and
ANTHROPIC_API_KEY are both set, otherwise two emulated providers.
See docs/configuration.md.`;

const START_HELP = `Usage: ballast start [--config FILE] [--host HOST] [--port N]

Options:
  --config FILE   ballast.yaml to use (default: $BALLAST_CONFIG, ./ballast.yaml, or the built-in default)
  --host HOST     address to bind (default 127.0.0.1; non-loopback needs tenants and an admin token)
  --port N        port to listen on (default 4100; 0 picks a free one)
  -h, --help      show this help

Environment: BYPASS_ROUTER=true (primary only, no retry, no failover), BALLAST_PORT,
BALLAST_HOST, BALLAST_LOG_LEVEL (debug|info|warn|error), BALLAST_ADMIN_TOKEN,
BALLAST_CORS_ORIGINS (comma-separated browser origins allowed to call the router), and
the provider keys named by api_key_env in the config.`;

const CHECK_HELP = `Usage: ballast check-config [--config FILE]

Validates the configuration exactly as "ballast start" would, with the same function:
the file, environment overrides, the keys and secrets start reads from the environment
(providers, tenants, tracing, notifiers, metrics token), and the files it opens
(ledger.path, cache.path, alerting.path). Prints every problem, naming its key.`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return start(rest);
    case 'check-config':
      return checkConfig(rest);
    case 'rules':
      return rules(rest);
    case 'drill': {
      const { runDrillCli } = await import('./drill/drill-cli.js');
      return runDrillCli(rest);
    }
    case 'load':
      return load(rest);
    case 'kit':
      return kit(rest);
    case 'emulator': {
      const { runEmulatorCli } = await import('../emulator/main.js');
      await runEmulatorCli(rest);
      return -1; // keeps running
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${HELP}\n`);
      return 0;
    default:
      process.stderr.write(`ballast: unknown command "${command}"\n\n${HELP}\n`);
      return 2;
  }
}

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false });
  } catch (err) {
    process.stderr.write(`ballast: ${(err as Error).message}\n`);
    return null;
  }
}

async function start(args: string[]): Promise<number> {
  const parsed = parse(args, { config: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' } });
  if (!parsed) return 2;
  const v = parsed.values as { config?: string; host?: string; port?: string; help?: boolean };
  if (v.help) {
    process.stdout.write(`${START_HELP}\n`);
    return 0;
  }
  const log = createLogger({ level: parseLevel(process.env.BALLAST_LOG_LEVEL) });
  let ballast;
  try {
    // Loaded here, not at the top: every other command starts without the whole router.
    const { startBallast } = await import('./start.js');
    ballast = await startBallast({
      configPath: v.config,
      host: v.host,
      port: v.port === undefined ? undefined : parsePort(v.port, '--port'),
      env: process.env,
      log,
    });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`ballast: ${err.message}\n`);
      return 1;
    }
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') {
      process.stderr.write(`ballast: the port is already in use; stop the other process or pass --port N\n`);
      return 1;
    }
    process.stderr.write(`ballast: could not start: ${e.message}\n`);
    return 1;
  }
  const { config, emulator } = ballast;
  const lines = [
    `ballast listening on ${ballast.url}  (config: ${ballast.source})`,
    `  app: ${ballast.url}/  (console, travel cache, health, drill, kit; installable, works offline)`,
    `  OpenAI-compatible API: ${ballast.url}/v1  (model: ${Object.keys(config.groups).join(', ')})`,
    ...Object.entries(config.providers).map(([name, p]) => `  ${name}: ${p.kind} ${p.base_url}${p.emulated ? '  [emulated]' : ''}`),
    `  SLOs: ${ballast.url}/api/slo   requests: ${ballast.url}/api/requests   metrics: ${ballast.url}/metrics`,
  ];
  if (ballast.runtime.bypass.on) lines.push('  BYPASS is ON: primary only, no retry, no failover');
  if (emulator) lines.push(`  emulator control: ${emulator.controlUrl}  (revoke the primary's key: curl -X POST ${emulator.controlUrl}/providers/primary/revoke)`);
  process.stdout.write(`${lines.join('\n')}\n`);
  log.info('started', { url: ballast.url, mode: ballast.mode, bypass: ballast.runtime.bypass.on });
  const { installProcessGuard } = await import('./process-guard.js');
  const ledger = ballast.runtime.ledger;
  installProcessGuard({ log, flush: () => void ledger?.flush() });
  const stop = async (signal: string) => {
    log.info('stopping', { signal });
    await ballast.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  return -1;
}

const RULES_HELP = `Usage: ballast rules [--config FILE] [--out DIR]

Writes Prometheus rules for the SLO alerts of the configuration (the three alerts, and
the burn-rate policy when slo.alerts.burn_rate.enabled): recording rules for the SLIs
and alerting rules with the same windows, durations and minimum traffic as ballast's
own alerts. With --out, writes DIR/ballast-rules.yml and DIR/ballast-rules.test.yml
(check them with: promtool check rules DIR/ballast-rules.yml; promtool test rules
DIR/ballast-rules.test.yml); without it, prints the rules.`;

async function rules(args: string[]): Promise<number> {
  const parsed = parse(args, { config: { type: 'string' }, out: { type: 'string' } });
  if (!parsed) return 2;
  const v = parsed.values as { config?: string; out?: string; help?: boolean };
  if (v.help) {
    process.stdout.write(`${RULES_HELP}\n`);
    return 0;
  }
  const loaded = loadForTooling(v.config);
  if (loaded === null) return 1;
  const { config } = loaded;
  const { withDefaults } = await import('../core/slo/config.js');
  const { prometheusRules, prometheusRuleTests } = await import('./telemetry/prometheus-rules.js');
  const slo = withDefaults(config.slo);
  if (!v.out) {
    process.stdout.write(prometheusRules(slo));
    return 0;
  }
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  mkdirSync(v.out, { recursive: true });
  writeFileSync(join(v.out, 'ballast-rules.yml'), prometheusRules(slo));
  writeFileSync(join(v.out, 'ballast-rules.test.yml'), prometheusRuleTests(slo, 'ballast-rules.yml'));
  process.stdout.write(`wrote ${join(v.out, 'ballast-rules.yml')} and ${join(v.out, 'ballast-rules.test.yml')}\n`);
  return 0;
}

/** The validated configuration as start would see it, for commands that do not start anything. */
function loadForTooling(configPath: string | undefined): { config: Config; source: string } | null {
  try {
    const resolved = resolveConfigSource({ configPath, env: process.env });
    const env = { ...process.env };
    let raw = resolved.raw;
    if (resolved.mode === 'emulated') {
      env[EMULATOR_KEY_ENV.primary] = 'set-at-start';
      env[EMULATOR_KEY_ENV.secondary] = 'set-at-start';
      raw = emulatedProvidersConfig({ primary: 'http://127.0.0.1:4101', secondary: 'http://127.0.0.1:4102' });
    }
    return { config: prepareConfig({ raw, source: resolved.source, env, cwd: process.cwd() }), source: resolved.source };
  } catch (err) {
    // Never a stack: a ConfigError names the key; anything else is reported as what it says.
    process.stderr.write(`ballast: ${err instanceof ConfigError ? err.message : `cannot check the configuration: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`}\n`);
    return null;
  }
}

async function checkConfig(args: string[]): Promise<number> {
  const parsed = parse(args, { config: { type: 'string' } });
  if (!parsed) return 2;
  const v = parsed.values as { config?: string; help?: boolean };
  if (v.help) {
    process.stdout.write(`${CHECK_HELP}\n`);
    return 0;
  }
  const loaded = loadForTooling(v.config);
  if (loaded === null) return 1;
  const { config, source } = loaded;
  process.stdout.write(
    `${source} is valid: ${Object.keys(config.providers).length} providers, groups ${Object.keys(config.groups).join(', ')}${config.routing.bypass ? ', BYPASS on' : ''}\n`,
  );
  return 0;
}

async function load(args: string[]): Promise<number> {
  const { runLoadCommand, LOAD_HELP } = await import('./load/load-command.js');
  const s = { type: 'string' } as const;
  const parsed = parse(args, {
    url: s, 'key-env': s, model: s, rate: s, duration: s, prompts: s, repeat: s, stream: s, feature: s, concurrency: s, 'max-tokens': s, seed: s,
    json: { type: 'boolean' },
  });
  if (!parsed) return 2;
  if (parsed.values.help) {
    process.stdout.write(`${LOAD_HELP}\n`);
    return 0;
  }
  return runLoadCommand(parsed.values as Record<string, string | undefined>, {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    onInterrupt(handler) {
      process.on('SIGINT', handler);
      return () => process.off('SIGINT', handler);
    },
  });
}

async function kit(args: string[]): Promise<number> {
  const { runKitCommand, KIT_HELP } = await import('./kit/kit-command.js');
  const parsed = parse(args, { out: { type: 'string' }, url: { type: 'string' } });
  if (!parsed) return 2;
  const v = parsed.values as { out?: string; url?: string; help?: boolean };
  if (v.help) {
    process.stdout.write(`${KIT_HELP}\n`);
    return 0;
  }
  return runKitCommand(v, { env: process.env, stdout: process.stdout, stderr: process.stderr });
}
