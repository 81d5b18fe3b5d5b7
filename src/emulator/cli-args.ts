/** Command-line flags of the emulator program; keys come from the environment only. */
import { parseArgs } from 'node:util';
import { CONTROL_ENDPOINTS } from './control.js';
import type { EmulatedProviderOptions, EmulatorOptions } from './options.js';

export const DEFAULT_CONTROL_PORT = 4109;
export const DEFAULT_PROVIDERS = ['primary:4101', 'secondary:4102'];

/** A bad flag: the message names it; the program exits with code 2. */
export class EmulatorUsageError extends Error {
  override readonly name = 'EmulatorUsageError';
  readonly exitCode = 2;
}

export interface ParsedEmulatorArgs {
  help: boolean;
  options: EmulatorOptions;
  /** Per provider, the environment variable its keys are read from. */
  keyEnv: Record<string, string>;
}

export const USAGE = `Usage: ballast emulator [flags]    (or: node dist/emulator/main.js [flags])

Starts emulated LLM providers that speak the OpenAI (/v1/chat/completions, /v1/models)
and Anthropic (/v1/messages) wire formats, plus a control API to inject faults.

Flags:
  --host HOST                 address to bind (default 127.0.0.1)
  --control-port PORT         control API port (default ${DEFAULT_CONTROL_PORT}; 0 = any free port)
  --provider NAME:PORT        an emulated provider; repeatable
                              (default: ${DEFAULT_PROVIDERS.join(' and ')}; PORT 0 = any free port)
  --latency-ms MS             time before response headers, every provider (default 0)
  --ttft-ms MS                time from headers to the first token (default 0)
  --tokens-per-second N       streaming pace; 0 = as fast as possible (default 0)
  --seed N                    seed of the fault-rate PRNG (default 1)
  --help                      print this help

Keys (environment only): BALLAST_EMULATOR_KEY_<NAME> holds the accepted key(s) of
provider NAME (uppercased, non-alphanumerics as _; several keys comma-separated).
Unset: any non-empty key is accepted.

Control API (JSON on the control port):
${CONTROL_ENDPOINTS.map((line) => `  ${line}`).join('\n')}

Fault kinds: status {status, retry_after_s?}, refuse, stall_headers {ms},
stall_first_token {ms}, cut {after_tokens}, malformed, slow {factor},
echo_key {where: body|status_text|stream, status?, after_tokens?};
all but refuse also take rate (0..1) and times (N). See docs/emulator.md.`;

const FLAGS = {
  host: { type: 'string' },
  'control-port': { type: 'string' },
  provider: { type: 'string', multiple: true },
  'latency-ms': { type: 'string' },
  'ttft-ms': { type: 'string' },
  'tokens-per-second': { type: 'string' },
  seed: { type: 'string' },
  help: { type: 'boolean' },
} as const;

export function keyEnvName(provider: string): string {
  return `BALLAST_EMULATOR_KEY_${provider.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/**
 * @example parseEmulatorArgs(['--provider', 'primary:0'], { BALLAST_EMULATOR_KEY_PRIMARY: 'k1' })
 *   // -> options.providers = [{ name: 'primary', port: 0, keys: ['k1'], ... }]
 */
export function parseEmulatorArgs(argv: string[], env: Record<string, string | undefined>): ParsedEmulatorArgs {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof FLAGS; strict: true; allowPositionals: false }>>['values'];
  try {
    ({ values } = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new EmulatorUsageError(describeParseError(error));
  }
  const host = values.host ?? '127.0.0.1';
  if (host === '') throw new EmulatorUsageError('--host must not be empty');
  const controlPort = port('--control-port', values['control-port'], DEFAULT_CONTROL_PORT);
  const timing = {
    latencyMs: number('--latency-ms', values['latency-ms'], { integer: true }),
    ttftMs: number('--ttft-ms', values['ttft-ms'], { integer: true }),
    tokensPerSecond: number('--tokens-per-second', values['tokens-per-second'], { integer: false }),
  };
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!/^-?\d+$/.test(values.seed ?? '1') || !Number.isSafeInteger(seed)) {
    throw new EmulatorUsageError(`--seed must be an integer, got '${values.seed}'`);
  }

  const keyEnv: Record<string, string> = {};
  const providers: EmulatedProviderOptions[] = [];
  const usedPorts = new Set<number>(controlPort === 0 ? [] : [controlPort]);
  for (const spec of values.provider ?? DEFAULT_PROVIDERS) {
    const match = /^([A-Za-z0-9_-]+):(\d{1,5})$/.exec(spec);
    if (!match?.[1] || !match[2]) {
      throw new EmulatorUsageError(`--provider expects NAME:PORT (e.g. primary:4101), got '${spec}'`);
    }
    const name = match[1];
    const providerPort = port('--provider', match[2], 0);
    if (providers.some((p) => p.name === name)) throw new EmulatorUsageError(`--provider '${name}' is given twice`);
    if (providerPort !== 0 && usedPorts.has(providerPort)) {
      throw new EmulatorUsageError(`--provider ${spec}: port ${providerPort} is already used by another listener`);
    }
    usedPorts.add(providerPort);
    keyEnv[name] = keyEnvName(name);
    const keys = (env[keyEnv[name]] ?? '').split(',').map((k) => k.trim()).filter(Boolean);
    providers.push({ name, port: providerPort, keys, ...timing });
  }
  return { help: values.help === true, options: { host, controlPort, seed, providers }, keyEnv };
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown flag ${unknown[1]}; run with --help to list the flags`;
  const unexpected = /Unexpected argument '([^']+)'/.exec(message);
  if (unexpected) return `unexpected argument '${unexpected[1]}': the emulator takes flags only (see --help)`;
  const ambiguous = /Option '([^']+)' argument is ambiguous/.exec(message);
  if (ambiguous) return `${ambiguous[1]}: write a value that starts with '-' as ${ambiguous[1]}=VALUE`;
  const missing = /Option '([^']+?)(?: <value>)?' argument missing/.exec(message);
  if (missing) return `${missing[1]?.split(',').pop()?.trim()} needs a value`;
  return message;
}

function port(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > 65535) throw new EmulatorUsageError(`${flag} must be a port from 0 to 65535, got '${raw}'`);
  return value;
}

function number(flag: string, raw: string | undefined, { integer }: { integer: boolean }): number {
  if (raw === undefined) return 0;
  const value = Number(raw);
  const valid = raw.trim() !== '' && Number.isFinite(value) && value >= 0 && (!integer || Number.isInteger(value));
  if (!valid) throw new EmulatorUsageError(`${flag} must be a non-negative ${integer ? 'integer' : 'number'}, got '${raw}'`);
  return value;
}
