import { describe, expect, it } from 'vitest';
import { EmulatorUsageError, keyEnvName, parseEmulatorArgs } from '../../../src/emulator/cli-args.js';

function usageError(argv: string[]): string {
  try {
    parseEmulatorArgs(argv, {});
  } catch (error) {
    expect(error).toBeInstanceOf(EmulatorUsageError);
    expect((error as EmulatorUsageError).exitCode).toBe(2);
    return (error as Error).message;
  }
  throw new Error(`expected ${argv.join(' ')} to be rejected`);
}

describe('parseEmulatorArgs', () => {
  it('defaults to primary:4101, secondary:4102 and control 4109 on 127.0.0.1, seed 1, any key', () => {
    const { help, options } = parseEmulatorArgs([], {});
    expect(help).toBe(false);
    expect(options).toEqual({
      host: '127.0.0.1',
      controlPort: 4109,
      seed: 1,
      providers: [
        { name: 'primary', port: 4101, keys: [], latencyMs: 0, ttftMs: 0, tokensPerSecond: 0 },
        { name: 'secondary', port: 4102, keys: [], latencyMs: 0, ttftMs: 0, tokensPerSecond: 0 },
      ],
    });
  });

  it('takes repeatable providers, timing flags, host and seed', () => {
    const { options } = parseEmulatorArgs(
      ['--provider', 'a:0', '--provider', 'b-2:5000', '--host', '0.0.0.0', '--control-port', '0', '--latency-ms', '60', '--ttft-ms', '120', '--tokens-per-second', '12.5', '--seed=-3'],
      {},
    );
    expect(options.host).toBe('0.0.0.0');
    expect(options.controlPort).toBe(0);
    expect(options.seed).toBe(-3);
    expect(options.providers).toEqual([
      { name: 'a', port: 0, keys: [], latencyMs: 60, ttftMs: 120, tokensPerSecond: 12.5 },
      { name: 'b-2', port: 5000, keys: [], latencyMs: 60, ttftMs: 120, tokensPerSecond: 12.5 },
    ]);
  });

  it('reads keys only from BALLAST_EMULATOR_KEY_<NAME>, comma-separated', () => {
    const { options, keyEnv } = parseEmulatorArgs(['--provider', 'primary:0', '--provider', 'my-backup:0'], {
      BALLAST_EMULATOR_KEY_PRIMARY: 'k1, k2',
      BALLAST_EMULATOR_KEY_MY_BACKUP: 'k3',
      OPENAI_API_KEY: 'not-this-one',
    });
    expect(options.providers.map((p) => p.keys)).toEqual([['k1', 'k2'], ['k3']]);
    expect(keyEnv).toEqual({ primary: 'BALLAST_EMULATOR_KEY_PRIMARY', 'my-backup': 'BALLAST_EMULATOR_KEY_MY_BACKUP' });
    expect(keyEnvName('secondary')).toBe('BALLAST_EMULATOR_KEY_SECONDARY');
  });

  it('recognises --help', () => {
    expect(parseEmulatorArgs(['--help'], {}).help).toBe(true);
  });

  it.each([
    [['--bogus'], 'unknown flag --bogus; run with --help to list the flags'],
    [['serve'], "unexpected argument 'serve': the emulator takes flags only (see --help)"],
    [['--latency-ms'], '--latency-ms needs a value'],
    [['--control-port', '70000'], "--control-port must be a port from 0 to 65535, got '70000'"],
    [['--provider', 'primary'], "--provider expects NAME:PORT (e.g. primary:4101), got 'primary'"],
    [['--provider', 'bad name:1'], "--provider expects NAME:PORT (e.g. primary:4101), got 'bad name:1'"],
    [['--provider', 'a:1', '--provider', 'a:2'], "--provider 'a' is given twice"],
    [['--provider', 'a:4109'], '--provider a:4109: port 4109 is already used by another listener'],
    [['--ttft-ms=-5'], "--ttft-ms must be a non-negative integer, got '-5'"],
    [['--ttft-ms', '-5'], "--ttft-ms: write a value that starts with '-' as --ttft-ms=VALUE"],
    [['--tokens-per-second', 'fast'], "--tokens-per-second must be a non-negative number, got 'fast'"],
    [['--seed', '1.5'], "--seed must be an integer, got '1.5'"],
  ])('rejects %j naming the flag', (argv, message) => {
    expect(usageError(argv)).toBe(message);
  });
});
