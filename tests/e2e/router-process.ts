/**
 * Starts the compiled router (node bin/ballast.js start --port 0) in a temp directory,
 * so its .ballast/ files stay out of the repository, with its embedded emulated providers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/ballast.js', import.meta.url));

export interface RouterProcess {
  url: string;
  /** The embedded emulator's control API (faults, revoke; docs/emulator.md), from the start banner. */
  emulatorUrl: string | null;
  child: ChildProcess;
  /** SIGKILL, resolved once the process is gone (exitCode stays null after a signal: check both). */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts the router; `bin` runs another copy of the build (the update-flow test serves a changed app). */
export async function startRouter(extraArgs: string[] = [], extraEnv: Record<string, string> = {}, bin = BIN): Promise<RouterProcess> {
  const cwd = mkdtempSync(join(tmpdir(), 'ballast-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, BALLAST_LOG_LEVEL: 'warn', ...extraEnv };
  delete env.OPENAI_API_KEY;
  delete env.ANTHROPIC_API_KEY;
  delete env.BALLAST_ADMIN_TOKEN;
  const child = spawn(process.execPath, [bin, 'start', '--host', '127.0.0.1', '--port', '0', ...extraArgs], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      // the banner is one write; wait for its last line so the emulator's URL is in it
      if (m?.[1] && out.endsWith('\n')) resolve(m[1]);
    });
    child.once('exit', (code, signal) => reject(new Error(`the router exited before listening (${signal ?? code}): ${err}`)));
  });
  const cleanup = () => rmSync(cwd, { recursive: true, force: true });
  return {
    url,
    emulatorUrl: /emulator control: (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? null,
    child,
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
      cleanup();
    },
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
      cleanup();
    },
  };
}

/**
 * Calls the embedded emulator's control API, e.g. revoke the primary's key for a failover.
 *
 * @example
 *   await emulatorControl(router, 'POST', '/providers/primary/revoke');
 *   await emulatorControl(router, 'PUT', '/providers/secondary/fault', { kind: 'status', status: 500 });
 */
export async function emulatorControl(router: RouterProcess, method: string, path: string, body?: unknown): Promise<unknown> {
  if (!router.emulatorUrl) throw new Error('this router runs without the embedded emulator');
  const res = await fetch(`${router.emulatorUrl}${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  const text = await res.text();
  if (!res.ok) throw new Error(`emulator control ${method} ${path}: HTTP ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}
