/**
 * Fuzzing `ballast check-config` in process (issue #11, item 8): whatever the file and
 * the environment, it exits 0 or 1, prints no stack, and every problem names its key.
 * Bounded: a few hundred configs, a few seconds.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/router/cli.js';
import { RESERVED_NAMES } from '../../../src/router/config/reserved-names.js';

const SECTIONS = ['server', 'providers', 'groups', 'routing', 'tenants', 'features', 'slo', 'guardrails', 'cache', 'ledger', 'alerting', 'tracing', 'budgets'];
/** A key path from a section (a reserved name may be the top-level key itself), or the top level, or YAML as a whole. */
const NAMES_A_KEY = new RegExp(`^(\\((top level|YAML[^)]*)\\)|(${[...SECTIONS, '__proto__'].join('|')})([.\\[]|: ))`);
/** A YAML syntax error names the line instead. */
const NAMES_A_LINE = /at line \d+, column \d+/;
const STACK_LINE = /^\s+at .*(:\d+:\d+\)?|<anonymous>|node:)/m;

const base = (): Record<string, unknown> => ({
  server: { port: 4100 },
  providers: {
    primary: { kind: 'openai', base_url: 'https://api.openai.com/v1', api_key_env: 'OPENAI_API_KEY' },
    secondary: { kind: 'anthropic', base_url: 'https://api.anthropic.com', api_key_env: 'ANTHROPIC_API_KEY' },
  },
  groups: { default: { deployments: [{ provider: 'primary', model: 'gpt-4o-mini', weight: 9 }, { provider: 'secondary', model: 'claude-haiku-4-5', weight: 1 }] } },
  features: { search: { pin: 'primary' } },
  tenants: { acme: { key_env: 'TENANT_KEY' } },
  ledger: { path: ':memory:' },
  cache: { path: ':memory:' },
  alerting: { path: ':memory:', notifiers: { hook: { kind: 'webhook', url: 'http://127.0.0.1:9/x', headers_env: { authorization: 'HOOK_AUTH' } } } },
  tracing: { endpoint: 'http://127.0.0.1:4318/v1/traces', headers_env: { Authorization: 'OTLP_AUTH' } },
  slo: { min_requests: 100 },
});

/** Where mutations land: every section, names in the named maps, and leaves below them. */
const PATHS: string[][] = [
  [],
  ...SECTIONS.map((s) => [s]),
  ['server', 'host'], ['server', 'max_connections'], ['server', 'request_timeout_ms'], ['server', 'metrics_token_env'],
  ['providers', 'primary'], ['providers', 'primary', 'kind'], ['providers', 'primary', 'base_url'], ['providers', 'primary', 'api_key_env'],
  ['groups', 'default'], ['groups', 'default', 'deployments'], ['groups', 'default', 'deployments', '0', 'provider'], ['groups', 'default', 'deployments', '0', 'model'],
  ['features', 'search', 'pin'], ['tenants', 'acme'], ['ledger', 'path'], ['ledger', 'features'], ['cache', 'path'], ['cache', 'policy'],
  ['alerting', 'path'], ['alerting', 'notifiers', 'hook'], ['alerting', 'notifiers', 'hook', 'headers_env'],
  ['tracing', 'endpoint'], ['tracing', 'headers_env'], ['slo', 'min_requests'], ['slo', 'include_cache_hits'], ['slo', 'alerts'], ['budgets', 'tenants'],
];

const reserved = fc.constantFrom(...RESERVED_NAMES);
const awkwardString = fc.oneof(
  fc.string(),
  reserved,
  fc.constantFrom('', ' ', 'a\nb', '../../x', '/', '/proc/self/x', ':memory:', '%', '*', '&a', '1e309', 'NaN', 'ÿ', '\u0000'),
);
const leaf = fc.oneof(awkwardString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom(-1, 0, 1, 2 ** 53, 1e308));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.oneof(fc.string(), reserved), tie('value'), { maxKeys: 3 })),
})).value;

type Mutation = { path: string[]; op: 'set'; value: unknown; key?: string } | { path: string[]; op: 'delete' } | { path: string[]; op: 'rename'; key: string };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ path: fc.constantFrom(...PATHS), op: fc.constant('set' as const), value }),
  fc.record({ path: fc.constantFrom(...PATHS.filter((p) => p.length > 0)), op: fc.constant('delete' as const) }),
  // A new or renamed entry, including reserved names, in a map.
  fc.record({ path: fc.constantFrom(...PATHS.filter((p) => p.length > 0)), op: fc.constant('rename' as const), key: fc.oneof(reserved, fc.string({ maxLength: 8 })) }),
);

function apply(config: Record<string, unknown>, m: Mutation): unknown {
  if (m.path.length === 0) return m.op === 'set' ? m.value : config;
  let parent: unknown = config;
  for (const key of m.path.slice(0, -1)) {
    if (typeof parent !== 'object' || parent === null) return config;
    parent = (parent as Record<string, unknown>)[key];
  }
  if (typeof parent !== 'object' || parent === null) return config;
  const p = parent as Record<string, unknown>;
  const last = m.path[m.path.length - 1] as string;
  const define = (key: string, v: unknown) => Object.defineProperty(p, key, { value: v, enumerable: true, configurable: true, writable: true });
  if (m.op === 'set') define(last, m.value);
  else if (m.op === 'delete') delete p[last];
  else {
    const v = p[last];
    delete p[last];
    define(m.key, v);
  }
  return config;
}

/** Hand-written YAML the object mutations cannot produce: aliases, anchors, scalars, syntax. */
const hostileText = fc.oneof(
  fc.integer({ min: 1, max: 8 }).map((depth) => {
    const lines = ['l0: &l0 [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= depth; i++) lines.push(`l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`);
    return `${lines.join('\n')}\n`;
  }),
  fc.constantFrom('providers: *missing\n', '42\n', '"text"\n', '- a\n- b\n', '~\n', 'a: &x 1\nb: *x\n', ': :\n', '{{{\n', 'providers:\n  __proto__: {}\n', '!!binary aGk=\n', '? [a, b]\n: c\n'),
  fc.string({ unit: fc.constantFrom(...':-[]{}&*!|>\'"%@` \n\t#,?abcxyz01'.split('')), maxLength: 60 }),
);

const envArb = fc.record({
  OPENAI_API_KEY: fc.constantFrom('sk-test', undefined),
  ANTHROPIC_API_KEY: fc.constantFrom('ak-test', undefined),
  TENANT_KEY: fc.constantFrom('tk', undefined),
  HOOK_AUTH: fc.constantFrom('Bearer h', 'a\r\nX-Injected: 1', undefined),
  OTLP_AUTH: fc.constantFrom('Bearer o', 'a\nb', undefined),
  LANGFUSE_PUBLIC_KEY: fc.constantFrom('pk-lf', undefined),
  LANGFUSE_SECRET_KEY: fc.constantFrom('sk-lf', undefined),
});

describe('check-config fuzz', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-fuzz-'));
  const file = join(dir, 'ballast.yaml');
  let out = '';
  let err = '';

  beforeEach(() => {
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  async function checkConfig(text: string, env: Record<string, string | undefined>): Promise<{ code: number; out: string; err: string }> {
    writeFileSync(file, text);
    for (const [name, v] of Object.entries(env)) vi.stubEnv(name, v);
    out = '';
    err = '';
    const code = await main(['check-config', '--config', file]);
    return { code, out, err };
  }

  function expectNoCrash(r: { code: number; out: string; err: string }): void {
    const text = r.out + r.err;
    expect(STACK_LINE.test(text), text).toBe(false);
    expect(text).not.toContain('bug in ballast');
    expect([0, 1]).toContain(r.code);
    if (r.code === 0) {
      expect(r.out).toMatch(/ is valid: /);
      return;
    }
    expect(r.err).toMatch(/^ballast: .* is not valid:\n/);
    const problems = r.err.split('\n  - ').slice(1);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(NAMES_A_KEY.test(p) || NAMES_A_LINE.test(p), `names no key: ${p}`).toBe(true);
  }

  it('the unmutated base is valid, so mutations start from a config that passes', async () => {
    const r = await checkConfig(stringify(base()), { OPENAI_API_KEY: 'sk', ANTHROPIC_API_KEY: 'ak', TENANT_KEY: 't', HOOK_AUTH: 'h', OTLP_AUTH: 'o' });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('never prints a stack or crashes, and every problem names a key (mutated configs)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), envArb, async (mutations, env) => {
        let config: unknown = base();
        for (const m of mutations) config = typeof config === 'object' && config !== null ? apply(config as Record<string, unknown>, m) : config;
        let text: string;
        try {
          text = stringify(config, { aliasDuplicateObjects: false });
        } catch {
          return; // not representable in YAML: nothing a file could hold
        }
        expectNoCrash(await checkConfig(text, env));
      }),
      { numRuns: 200 },
    );
  });

  it('never prints a stack or crashes, and every problem names a key (hostile YAML text)', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, envArb, async (text, env) => {
        expectNoCrash(await checkConfig(text, env));
      }),
      { numRuns: 100 },
    );
  });
});
