/**
 * `ballast rules` writes Prometheus rules that promtool accepts, and whose own unit
 * tests (each alert pending, then firing; the 3 a.m. blip not paging) pass.
 * CI installs Debian's prometheus for promtool.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../../bin/ballast.js');
const env = () => {
  const e = { ...process.env };
  delete e.OPENAI_API_KEY;
  delete e.ANTHROPIC_API_KEY;
  delete e.BALLAST_CONFIG;
  return e;
};

function generate(yaml?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-rules-'));
  const args = [BIN, 'rules', '--out', dir];
  if (yaml) {
    writeFileSync(join(dir, 'ballast.yaml'), yaml);
    args.push('--config', join(dir, 'ballast.yaml'));
  }
  // A directory of its own: check-config's file checks look at ./.ballast, which another checkout may share in /tmp.
  const r = spawnSync(process.execPath, args, { env: env(), encoding: 'utf8', cwd: mkdtempSync(join(tmpdir(), 'ballast-rules-cwd-')) });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return dir;
}

function promtool(...args: string[]) {
  const r = spawnSync('promtool', args, { encoding: 'utf8' });
  if (r.error) throw new Error(`promtool is not installed (apt-get install prometheus): ${r.error.message}`);
  return r;
}

describe('ballast rules', () => {
  it('the default config: promtool checks the rules and their unit tests pass', () => {
    const dir = generate();
    const check = promtool('check', 'rules', join(dir, 'ballast-rules.yml'));
    expect(check.stdout + check.stderr).toMatch(/SUCCESS: 8 rules found/);
    const test = promtool('test', 'rules', join(dir, 'ballast-rules.test.yml'));
    expect(test.stdout + test.stderr).toMatch(/SUCCESS/);
    expect(test.status).toBe(0);
    const rules = readFileSync(join(dir, 'ballast-rules.yml'), 'utf8');
    expect(rules).toContain('alert: BallastLatencyP95OverTarget');
    expect(rules).toContain('for: 15m');
    expect(rules).toContain('ballast:latency_p95_seconds:rate5m > 2.5');
  });

  it('custom targets, windows and the burn-rate policy carry into the rules', () => {
    const provider = (name: string) => `  ${name}: { kind: openai, base_url: "http://127.0.0.1:9/v1", api_key_env: PATH }\n`;
    const yaml = `providers:\n${provider('primary')}groups:\n  default:\n    deployments:\n      - { provider: primary, model: gpt-4o-mini }\nslo:\n  success_rate: 0.99\n  p95_latency_ms: 1500\n  alerts:\n    success: { for: 10m, min_requests: 50 }\n    burn_rate: { enabled: true }\n`;
    const dir = generate(yaml);
    const rules = readFileSync(join(dir, 'ballast-rules.yml'), 'utf8');
    expect(rules).toContain('ballast:latency_p95_seconds:rate5m > 1.5');
    expect(rules).toContain('ballast:success_ratio:rate5m < 0.99 and on() ballast:eligible_requests:increase5m >= 50');
    expect(rules).toContain('alert: BallastErrorBudgetBurn');
    expect(promtool('check', 'rules', join(dir, 'ballast-rules.yml')).status).toBe(0);
    expect(promtool('test', 'rules', join(dir, 'ballast-rules.test.yml')).status).toBe(0);
  });
});
