import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { runEmulatorCli } from '../../../src/emulator/main.js';
import type { EmulatorCliIO, ReadyMessage } from '../../../src/emulator/main.js';
import { chat, connectCode, fetchErrorCode, openaiHeaders, userTurn } from './helpers.js';

function fakeIO(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const signals = new EventEmitter();
  let exitCode: number | undefined;
  let released = false;
  let onReady: (message: ReadyMessage) => void = () => undefined;
  const ready = new Promise<ReadyMessage>((resolve) => (onReady = resolve));
  const io: EmulatorCliIO = {
    env,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    send: (message) => onReady(message as ReadyMessage),
    signals,
    setExitCode: (code) => (exitCode = code),
    release: () => (released = true),
  };
  return { io, out, err, signals, ready, exitCode: () => exitCode, released: () => released };
}

describe('runEmulatorCli', () => {
  it('starts the providers, reports ready over IPC, serves keys from the environment and stops on SIGTERM', async () => {
    const fake = fakeIO({ BALLAST_EMULATOR_KEY_ALPHA: 'alpha-secret' });
    const run = runEmulatorCli(['--provider', 'alpha:0', '--provider', 'beta:0', '--control-port', '0'], fake.io);
    const ready = await fake.ready;
    expect(ready.type).toBe('ready');
    expect(Object.keys(ready.providers)).toEqual(['alpha', 'beta']);
    expect(ready.controlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const alpha = ready.providers['alpha']!;
    expect((await chat(alpha, { model: 'm', messages: userTurn('x') }, openaiHeaders('wrong'))).status).toBe(401);
    expect((await chat(alpha, { model: 'm', messages: userTurn('x') }, openaiHeaders('alpha-secret'))).status).toBe(200);
    expect((await chat(ready.providers['beta']!, { model: 'm', messages: userTurn('x') }, openaiHeaders('any'))).status).toBe(200);
    expect((await fetch(`${ready.controlUrl}/providers`)).status).toBe(200);

    expect(fake.out).toHaveLength(3);
    expect(fake.out[0]).toMatch(new RegExp(`^emulated provider alpha: ${alpha} `));
    expect(fake.out[0]).toContain('BALLAST_EMULATOR_KEY_ALPHA');
    expect(fake.out[1]).toMatch(/^emulated provider beta: .*any non-empty key/);
    expect(fake.out[2]).toContain(`emulated providers' control API: ${ready.controlUrl}`);
    expect(fake.out.join('\n')).not.toContain('alpha-secret');

    fake.signals.emit('SIGTERM');
    await run;
    expect(fake.released()).toBe(true);
    expect(await connectCode(alpha)).toBe('ECONNREFUSED');
    expect(await connectCode(ready.controlUrl)).toBe('ECONNREFUSED');
    expect(await fetchErrorCode(fetch(`${alpha}/v1/models`))).toBe('ECONNREFUSED');
    expect(await fetchErrorCode(fetch(`${ready.controlUrl}/providers`))).toBe('ECONNREFUSED');
    expect(fake.exitCode()).toBeUndefined();
  });

  it('also stops when the forking parent disconnects', async () => {
    const fake = fakeIO();
    const run = runEmulatorCli(['--provider', 'solo:0', '--control-port', '0'], fake.io);
    const ready = await fake.ready;
    fake.signals.emit('disconnect');
    await run;
    expect(await connectCode(ready.providers['solo']!)).toBe('ECONNREFUSED');
  });

  it('names a bad flag and exits with code 2', async () => {
    const fake = fakeIO();
    await runEmulatorCli(['--latency-ms', 'soon'], fake.io);
    expect(fake.exitCode()).toBe(2);
    expect(fake.err[0]).toBe("ballast emulator: --latency-ms must be a non-negative integer, got 'soon'");
    expect(fake.out).toEqual([]);
  });

  it('exits with code 1 when a port is taken', async () => {
    const first = fakeIO();
    const run = runEmulatorCli(['--provider', 'a:0', '--control-port', '0'], first.io);
    const ready = await first.ready;
    const port = new URL(ready.providers['a']!).port;
    const second = fakeIO();
    await runEmulatorCli(['--provider', `b:${port}`, '--control-port', '0'], second.io);
    expect(second.exitCode()).toBe(1);
    expect(second.err[0]).toMatch(/could not start: .*EADDRINUSE/);
    first.signals.emit('SIGINT');
    await run;
  });

  it('prints every flag and the control endpoints for --help', async () => {
    const fake = fakeIO();
    await runEmulatorCli(['--help'], fake.io);
    const help = fake.out.join('\n');
    for (const flag of ['--host', '--control-port', '--provider', '--latency-ms', '--ttft-ms', '--tokens-per-second', '--seed', '--help']) {
      expect(help).toContain(flag);
    }
    for (const endpoint of ['/providers/:name/fault', '/providers/:name/revoke', '/providers/:name/restore', '/providers/:name/settings', '/reset']) {
      expect(help).toContain(endpoint);
    }
    expect(help).toContain('BALLAST_EMULATOR_KEY_<NAME>');
    expect(fake.exitCode()).toBeUndefined();
  });
});
