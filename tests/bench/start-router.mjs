// Starts the compiled router (`ballast start --port 0`) on its embedded emulated default
// in a temporary directory, for the benchmarks that drive it from Chromium.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url);

export async function startRouter() {
  const cwd = mkdtempSync(join(tmpdir(), 'ballast-bench-router-'));
  const env = { ...process.env, BALLAST_LOG_LEVEL: 'warn' };
  delete env.OPENAI_API_KEY;
  delete env.ANTHROPIC_API_KEY;
  const child = spawn(process.execPath, [new URL('bin/ballast.js', root).pathname, 'start', '--port', '0'], { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (c, s) => reject(new Error(`router exited (${s ?? c})`)));
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    }).then(() => rmSync(cwd, { recursive: true, force: true }));
  return { url, stop };
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
