/**
 * `ballast drill` in a pseudo-terminal (util-linux script), driven key by key from the
 * roles to the report, against a real router under steady traffic. Waits for output,
 * never for time. Needs dist/ (npm test builds it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KEYS, startStack, type Stack } from '../helpers/stack.js';
import { ADMIN_TOKEN, clientLoop } from './helpers.js';

const BIN = join(import.meta.dirname, '../../../bin/ballast.js');
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { BALLAST_ADMIN_TOKEN: ADMIN_TOKEN } });
});
afterAll(() => stack?.close());

/** Runs the CLI without a TTY and without an admin token. */
function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const env = { ...process.env };
  delete env.BALLAST_ADMIN_TOKEN;
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    c.stdout.on('data', (d: Buffer) => (out += d.toString()));
    c.stderr.on('data', (d: Buffer) => (err += d.toString()));
    c.once('exit', (code) => resolve({ code, out, err }));
  });
}

function inPty(args: string[]) {
  const cmd = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child: ChildProcess = spawn('script', ['-qfec', cmd, '/dev/null'], {
    env: { ...process.env, BALLAST_ADMIN_TOKEN: ADMIN_TOKEN, TERM: 'xterm', COLUMNS: '160', LINES: '60' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  // eslint-disable-next-line no-control-regex
  const plain = () => out.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
  let mark = 0;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    plain,
    /** Waits until the output written since the last key matches. */
    async see(re: RegExp, timeout = 10_000) {
      await vi.waitFor(() => expect(plain().slice(mark)).toMatch(re), { timeout, interval: 25 });
    },
    key(text: string) {
      mark = plain().length;
      child.stdin!.write(`${text}\r`);
    },
  };
}

describe('ballast drill in a terminal', () => {
  it('runs a drill from the three names to the saved report: check steps, revoke, see the failover, restore, note, finish', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ballast-drill-cli-')), 'report.md');
    const t = inPty(['drill', '--url', stack.url, '--out', out]);
    const loop = clientLoop(stack.url, 2);
    try {
      await t.see(/Drill lead \(runs the clock\): $/);
      t.key('Ada');
      await t.see(/Operator \(flips the switch\): $/);
      t.key('Otto');
      await t.see(/Scribe \(captures what happened\): $/);
      t.key('Sam');
      await t.see(/Clock: (30:00|29:\d\d) left of 30:00[\s\S]*\[ \] 1\. Announce[\s\S]*<- next[\s\S]*> $/);
      t.key('c');
      await t.see(/\[x\] 1\. Announce the drill and start the clock, checked by Ada/);
      await vi.waitFor(() => expect(loop.sent.length).toBeGreaterThanOrEqual(10), { timeout: 10_000 });
      t.key('c');
      await t.see(/\[x\] 2\. Baseline check.*checked by Otto[\s\S]*> $/);
      t.key('r');
      await t.see(/Revoke the key of primary now\? \(y\/N\) $/);
      t.key('y');
      await t.see(/primary: revoked \(revoked\)/);
      // the clock redraws on its own: the router's observations arrive without a key
      await t.see(/First auth failure - router: primary answered 401[\s\S]*Failover detected - router[\s\S]*> $/);
      await t.see(/Cooldown started - router/);
      t.key('c');
      await t.see(/\[x\] 3\. Revoke the primary provider's key, checked by Otto/);
      t.key('s');
      await t.see(/Restore the key of primary now\? \(y\/N\) $/);
      t.key('y');
      await t.see(/primary: restored \(healthy\)/);
      await t.see(/Recovered - router: request req_\w+ served by primary again/);
      t.key('n');
      await t.see(/Note: $/);
      t.key('Clients saw nothing; the cooldown held the primary out.');
      await t.see(/Note - Sam: Clients saw nothing/);
      await loop.stop();
      t.key('f');
      await t.see(/an empty line ends\.\n\| $/);
      t.key('Page on revoke next time.');
      await t.see(/\| $/);
      t.key('');
      await t.see(/Drill finished\./);
      expect(await t.exited).toBe(0);
    } finally {
      await loop.stop();
      if (t.child.exitCode === null && t.child.signalCode === null) t.child.kill('SIGKILL');
    }
    const report = readFileSync(out, 'utf8');
    expect(t.plain()).toContain('# Failover drill report');
    expect(report).toMatch(/^# Failover drill report/);
    expect(report).toContain('- drill lead: Ada');
    expect(report).toContain('Page on revoke next time.');
    expect(report).toContain('Clients saw nothing');
    expect(report).toMatch(/\| requests failed \(eligible\) \| 0 \|/);
    expect(report).toMatch(/- \[x\] Revoke the primary provider's key \(operator\): Otto/);
    expect(report).toMatch(/- \[ \] Watch the router fail over/);
    expect(loop.sent.every((s) => s.status === 200)).toBe(true);
    for (const s of [KEYS.primary, KEYS.secondary, ADMIN_TOKEN]) expect(t.plain() + report).not.toContain(s);
  });

  it('works on plain stdin/stdout too (piped, no TTY): keys and answers one per line', async () => {
    const child = spawn(process.execPath, [BIN, 'drill', '--url', stack.url], { env: { ...process.env, BALLAST_ADMIN_TOKEN: ADMIN_TOKEN }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.stdin.end(['Ada', 'Otto', 'Sam', 'c', 'x', 'n', 'Piped note.', 'f', 'Piped findings.', '', ''].join('\n'));
    expect(await exited).toBe(0);
    expect(out).not.toMatch(/\u001b\[/); // no redraw escapes without a TTY
    expect(out).toContain('[x] 1. Announce the drill and start the clock, checked by Ada');
    expect(out).toContain('Unknown key "x"');
    expect(out).toMatch(/# Failover drill report[\s\S]*Piped findings\.[\s\S]*Piped note\./);
    expect(out).toContain('Drill finished.');
  });

  it('--help tells the truth; a missing admin token, an unreachable router or a bad flag get a message and a non-zero exit', async () => {
    const [top, help, bad, noToken, closed] = await Promise.all([
      run(['--help']),
      run(['drill', '--help']),
      run(['drill', '--ulr', 'x']),
      run(['drill', '--url', stack.url]),
      run(['drill', '--url', 'http://127.0.0.1:9']),
    ]);
    expect(top.out).toMatch(/^  drill +Run the 30-minute failover drill/m);
    expect(help.code).toBe(0);
    for (const s of ['--url URL', '--out FILE', 'BALLAST_ADMIN_TOKEN', 'c  check the next step', 'r  revoke', 's  restore', 'n  add a scribe note', 'f  finish']) expect(help.out).toContain(s);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--ulr');
    expect(noToken.code).toBe(1);
    expect(noToken.err).toMatch(/export BALLAST_ADMIN_TOKEN/);
    expect(closed.code).toBe(1);
    expect(closed.err).toMatch(/cannot reach the router at http:\/\/127\.0\.0\.1:9/);
  });
});
