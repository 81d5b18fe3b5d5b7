/**
 * The ballast command as a user runs it: the compiled CLI in a child process.
 * `npm test` builds dist/ first.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../../bin/ballast.js');
const cleanEnv = () => {
  const env = { ...process.env };
  delete env.OPENAI_API_KEY;
  delete env.ANTHROPIC_API_KEY;
  delete env.BALLAST_CONFIG;
  return env;
};
// A directory of its own: the default ledger, cache and alerting files land in the
// working directory, and a shared /tmp/.ballast may hold another checkout's newer files.
const cwd = () => mkdtempSync(join(tmpdir(), 'ballast-cli-cwd-'));
const run = (args: string[], env = cleanEnv()) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', cwd: cwd() });

describe('ballast CLI', () => {
  it('--help lists every command', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    for (const c of ['start', 'check-config', 'emulator']) expect(r.stdout).toContain(c);
    expect(run(['start', '--help']).stdout).toMatch(/--config FILE[\s\S]*--port N/);
  });

  it('an unknown command or flag exits 2 with a message', () => {
    expect(run(['launch']).status).toBe(2);
    const r = run(['start', '--prot', '1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--prot/);
  });

  it('check-config names the key and the fix, and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ballast-cli-'));
    const file = join(dir, 'ballast.yaml');
    writeFileSync(file, 'providers:\n  primary: { kind: openai, base_url: "https://api.openai.com/v1", api_key_env: OPENAI_API_KEY }\ngroups:\n  default:\n    deployments:\n      - { provider: primary, model: gpt-4o-mini, weight: nine }\n');
    const r = run(['check-config', '--config', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('groups.default.deployments[0].weight: expected number');
    const ok = run(['check-config']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/embedded default .* is valid/);
  });

  it('start refuses a bad config file and a half-set pair of real keys', () => {
    const missing = run(['start', '--config', '/nonexistent/ballast.yaml', '--port', '0']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/file not found/);
    const half = run(['start', '--port', '0'], { ...cleanEnv(), OPENAI_API_KEY: 'sk-only-one' });
    expect(half.status).toBe(1);
    expect(half.stderr).toMatch(/ANTHROPIC_API_KEY is not set/);
    expect(half.stderr + half.stdout).not.toContain('sk-only-one');
  });

  it('start on the embedded default serves the SDK from the emulated providers, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'start', '--port', '0'], { env: cleanEnv(), cwd: cwd() });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m && out.includes('emulator control:')) resolve(m[1] as string);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    expect(out).toContain('[emulated]');
    const control = /emulator control: (http:\/\/\S+)/.exec(out)?.[1] as string;
    const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'unused-on-loopback' });
    const { data, response } = await client.chat.completions.create({ model: 'default', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    expect(data.choices[0]?.message.content).toMatch(/^Emulated answer/);
    expect(response.headers.get('x-ballast-emulated')).toBe('true');
    // The newcomer's drill: revoke the primary's key at the emulator, keep getting answers.
    expect((await fetch(`${control}/providers/primary/revoke`, { method: 'POST' })).status).toBe(200);
    const providers = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const r = await client.chat.completions.create({ model: 'default', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
      expect(r.data.choices[0]?.message.content).toMatch(/^Emulated answer from secondary/);
      providers.add(r.response.headers.get('x-ballast-provider') as string);
    }
    expect([...providers]).toEqual(['secondary']);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // The emulator went with it.
    await expect(fetch(`${control}/providers`)).rejects.toThrow();
  });
});
