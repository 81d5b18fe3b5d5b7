/**
 * check-config and start as a user runs them (the compiled CLI in a child process):
 * the same validation, the same refusals, a message naming the key and never a stack
 * (issue #11, item 8). `npm test` builds dist/ first.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../../bin/ballast.js');
const STACK_LINE = /^\s+at .*(:\d+:\d+\)?|<anonymous>|node:)/m;

const PROVIDERS = `providers:
  primary: { kind: openai, base_url: "http://127.0.0.1:9/v1", api_key_env: CLI_TEST_KEY }
groups:
  default: { deployments: [{ provider: primary, model: gpt-4o-mini }] }
`;

function setup(yaml: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-check-'));
  const file = join(dir, 'ballast.yaml');
  writeFileSync(file, yaml);
  return { dir, file };
}

function run(args: string[], dir: string, extraEnv: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, CLI_TEST_KEY: 'k', ...extraEnv };
  for (const name of ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'BALLAST_CONFIG', 'LANGFUSE_PUBLIC_KEY', 'LANGFUSE_SECRET_KEY', 'BALLAST_PORT', 'BALLAST_HOST']) {
    if (!(name in extraEnv)) delete env[name];
  }
  // A start that wrongly passes validation would keep listening: the timeout ends it and the test fails.
  return spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', cwd: dir, timeout: 30_000 });
}

function expectRefused(r: ReturnType<typeof run>, problem: RegExp): void {
  expect(r.status, r.stdout + r.stderr).toBe(1);
  expect(r.stderr).toMatch(problem);
  expect(r.stderr).not.toMatch(STACK_LINE);
}

// Two or three CLI processes per test, each loading the router: slow on a busy machine.
describe('check-config and start refuse the same configs', { timeout: 90_000 }, () => {
  it('regression: YAML alias bomb is refused with a message, not a stack', () => {
    const lines = ['l0: &l0 [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 6; i++) lines.push(`l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`);
    const { dir, file } = setup(`${lines.join('\n')}\n`);
    for (const command of ['check-config', 'start']) {
      const r = run([command, '--config', file, '--port', '0'].slice(0, command === 'start' ? 5 : 3), dir);
      expectRefused(r, /\(YAML aliases\): the file expands more than 100 aliases/);
      expect(r.stderr).not.toContain('ReferenceError');
    }
  });

  it('regression: an undefined YAML alias is refused with a message, not a ReferenceError stack', () => {
    const { dir, file } = setup(`${PROVIDERS}features: *nowhere\n`);
    const r = run(['check-config', '--config', file], dir);
    expectRefused(r, /\(YAML aliases\): Unresolved alias .*nowhere/);
    expect(r.stderr).not.toContain('ReferenceError');
  });

  it("regression: a top-level scalar makes start print \"Cannot create property 'server' on number '42'\"", () => {
    const { dir, file } = setup('42\n');
    for (const args of [['start', '--config', file, '--port', '0'], ['check-config', '--config', file]]) {
      const r = run(args, dir);
      expectRefused(r, /\(top level\): the file must be a mapping of sections .* not a number/);
      expect(r.stderr).not.toContain('Cannot create property');
    }
  });

  it('regression: a __proto__ provider entry is dropped silently', () => {
    const { dir, file } = setup(`${PROVIDERS.replace('providers:\n', 'providers:\n  __proto__: { kind: openai, base_url: "http://127.0.0.1:9/v1", api_key_env: CLI_TEST_KEY }\n')}`);
    expectRefused(run(['check-config', '--config', file], dir), /providers\.__proto__: "__proto__" is a reserved name/);
  });

  it('regression: a config with provider: constructor or pin: toString validates and then fails every request', () => {
    const { dir, file } = setup(`${PROVIDERS}  other: { deployments: [{ provider: constructor, model: gpt-4o-mini }] }\nfeatures:\n  search: { pin: toString }\n`);
    const r = run(['check-config', '--config', file], dir);
    expectRefused(r, /groups\.other\.deployments\[0\]\.provider: "constructor" is not a provider/);
    expect(r.stderr).toMatch(/features\.search\.pin: "toString" is not a provider/);
  });

  describe('regression: 4 configs pass check-config but fail start', () => {
    const cases: { name: string; yaml: string; env?: Record<string, string>; problem: RegExp; prepare?: (dir: string) => void }[] = [
      {
        name: 'an unset tracing headers_env variable',
        yaml: `${PROVIDERS}tracing:\n  endpoint: http://127.0.0.1:9/v1/traces\n  headers_env: { Authorization: CLI_TEST_OTLP_AUTH }\n`,
        problem: /tracing\.headers_env\.Authorization: CLI_TEST_OTLP_AUTH is not set/,
      },
      {
        name: 'a half-set Langfuse pair',
        yaml: PROVIDERS,
        env: { LANGFUSE_PUBLIC_KEY: 'pk-lf-canary' },
        problem: /tracing: LANGFUSE_SECRET_KEY is not set/,
      },
      {
        name: 'a header value with a newline',
        yaml: `${PROVIDERS}tracing:\n  endpoint: http://127.0.0.1:9/v1/traces\n  headers_env: { Authorization: CLI_TEST_OTLP_AUTH }\n`,
        env: { CLI_TEST_OTLP_AUTH: 'Bearer a\nb' },
        problem: /tracing\.headers_env\.Authorization: CLI_TEST_OTLP_AUTH holds characters an HTTP header cannot carry/,
      },
      {
        name: 'a ledger path start cannot open',
        yaml: `${PROVIDERS}ledger: { path: blocked/ledger.db }\n`,
        prepare: (dir) => writeFileSync(join(dir, 'blocked'), 'a file where a directory should be'),
        problem: /ledger\.path: cannot open the ledger at .*blocked is in the way/,
      },
      {
        name: 'an alerting path that is a directory',
        yaml: `${PROVIDERS}ledger: { path: ":memory:" }\nalerting: { path: state }\n`,
        prepare: (dir) => mkdirSync(join(dir, 'state')),
        problem: /alerting\.path: cannot open the alerting database at .*: it is a directory/,
      },
    ];
    it.each(cases)('$name', ({ yaml, env, problem, prepare }) => {
      const { dir, file } = setup(yaml);
      prepare?.(dir);
      const check = run(['check-config', '--config', file], dir, env);
      expectRefused(check, problem);
      const start = run(['start', '--config', file, '--port', '0'], dir, env);
      expectRefused(start, problem);
      expect(start.stderr + check.stderr).not.toContain('canary');
    });
  });

  it('check-config accepts what start accepts, and names the new keys when they are wrong', () => {
    const { dir, file } = setup(`${PROVIDERS}server: { max_connections: 0, request_timeout_ms: 30000 }\nslo: { min_requests: 0 }\n`);
    const r = run(['check-config', '--config', file], dir);
    expectRefused(r, /server\.max_connections: must be at least 1/);
    expect(r.stderr).toMatch(/slo\.min_requests: must be at least 1/);
    const ok = setup(`${PROVIDERS}server: { max_connections: 64, request_timeout_ms: 5000 }\nledger: { features: [search] }\nslo: { min_requests: 10, include_cache_hits: false }\n`);
    const good = run(['check-config', '--config', ok.file], ok.dir);
    expect(good.stderr).toBe('');
    expect(good.status).toBe(0);
  });
});
