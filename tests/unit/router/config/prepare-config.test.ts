/**
 * prepareConfig: the one validation start and check-config share (issue #11, items 2
 * and 8). Each regression test is named after the defect it pins.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../src/router/config/config-error.js';
import { parseYaml } from '../../../../src/router/config/load.js';
import { prepareConfig } from '../../../../src/router/config/prepare-config.js';

const env = { OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: 'ak-test' };
const valid = (): Record<string, any> => ({
  providers: {
    primary: { kind: 'openai', base_url: 'https://api.openai.com/v1', api_key_env: 'OPENAI_API_KEY' },
    secondary: { kind: 'anthropic', base_url: 'https://api.anthropic.com', api_key_env: 'ANTHROPIC_API_KEY' },
  },
  groups: { default: { deployments: [{ provider: 'primary', model: 'gpt-4o-mini' }, { provider: 'secondary', model: 'claude-haiku-4-5' }] } },
  ledger: { path: ':memory:' },
  cache: { path: ':memory:' },
  alerting: { path: ':memory:' },
});

const tmp = () => mkdtempSync(join(tmpdir(), 'ballast-config-'));

function problems(raw: unknown, e: NodeJS.ProcessEnv = env, cwd = tmp()): string[] {
  try {
    prepareConfig({ raw, source: 'ballast.yaml', env: e, cwd });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

function yamlProblems(text: string): string[] {
  try {
    parseYaml(text, 'ballast.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('prepareConfig', () => {
  it('accepts a valid config and applies environment and flag overrides', () => {
    const c = prepareConfig({ raw: valid(), source: 'x', env: { ...env, BALLAST_PORT: '4200' }, cwd: tmp(), host: '127.0.0.2' });
    expect(c.server).toMatchObject({ host: '127.0.0.2', port: 4200 });
  });

  it('regression: YAML alias bomb is refused with a message, not a stack', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f'].entries()) {
      const prev = String.fromCharCode('a'.charCodeAt(0) + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const p = yamlProblems(`${levels.join('\n')}\n`);
    expect(p).toEqual([expect.stringMatching(/^\(YAML aliases\): the file expands more than 100 aliases/)]);
  });

  it('regression: an undefined YAML alias is refused with a message, not a stack', () => {
    const p = yamlProblems('providers: *nowhere\n');
    expect(p).toEqual([expect.stringMatching(/^\(YAML aliases\): Unresolved alias.*nowhere.*define the anchor/)]);
  });

  it('still expands a few ordinary aliases', () => {
    const raw = parseYaml('base: &p { kind: openai }\nother: *p\n', 'x') as Record<string, unknown>;
    expect(raw.other).toEqual({ kind: 'openai' });
  });

  it("regression: a top-level scalar is refused naming the top level, not \"Cannot create property 'server' on number\"", () => {
    for (const raw of [42, 'text', [1, 2], true]) {
      const p = problems(raw, env);
      expect(p).toEqual([expect.stringMatching(/^\(top level\): the file must be a mapping of sections/)]);
    }
    // With --host/--port as start passes them.
    expect(() => prepareConfig({ raw: 42, source: 'x', env, cwd: tmp(), host: '127.0.0.1', port: 0 })).toThrow(/\(top level\): the file must be a mapping/);
    expect(problems({ ...valid(), server: 42 })).toEqual([expect.stringMatching(/^server: expected object/)]);
  });

  it('regression: a __proto__ provider entry is refused, not dropped silently', () => {
    const raw = parseYaml(
      'providers:\n  __proto__: { kind: openai, base_url: "https://api.openai.com/v1", api_key_env: OPENAI_API_KEY }\n  primary: { kind: openai, base_url: "https://api.openai.com/v1", api_key_env: OPENAI_API_KEY }\ngroups:\n  default: { deployments: [{ provider: primary, model: gpt-4o-mini }] }\n',
      'x',
    );
    expect(problems(raw)).toEqual([expect.stringMatching(/^providers\.__proto__: "__proto__" is a reserved name/)]);
  });

  it('regression: provider: constructor and pin: toString validate and then fail every request', () => {
    const raw = valid();
    raw.groups.default.deployments.push({ provider: 'constructor', model: 'gpt-4o-mini' });
    raw.features = { search: { pin: 'toString' } };
    const p = problems(raw);
    expect(p).toContainEqual(expect.stringMatching(/^groups\.default\.deployments\[2\]\.provider: "constructor" is not a provider/));
    expect(p).toContainEqual(expect.stringMatching(/^features\.search\.pin: "toString" is not a provider/));
  });

  it.each(['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'])('refuses the reserved name %s for providers, groups, tenants, features, budgets and notifiers', (name) => {
    const maps: [string[], unknown][] = [
      [['providers'], { kind: 'openai', base_url: 'https://api.openai.com/v1', api_key_env: 'OPENAI_API_KEY' }],
      [['groups'], { deployments: [{ provider: 'primary', model: 'gpt-4o-mini' }] }],
      [['tenants'], { key_env: 'OPENAI_API_KEY' }],
      [['features'], {}],
      [['budgets', 'features'], { daily_usd: 1 }],
      [['alerting', 'notifiers'], { kind: 'slack', url_env: 'SLACK_URL' }],
    ];
    for (const [path, entry] of maps) {
      const raw = valid();
      let section: Record<string, any> = raw;
      for (const key of path) section = section[key] ??= {};
      // defineProperty: an assignment to __proto__ would set the prototype, as the parsers do.
      Object.defineProperty(section, name, { value: entry, enumerable: true, configurable: true, writable: true });
      expect(problems(raw), path.join('.')).toContainEqual(`${path.join('.')}.${name}: "${name}" is a reserved name (it is a property of every JavaScript object); choose another name`);
    }
  });

  it('refuses a model with no own built-in price, such as "constructor"', () => {
    const raw = valid();
    raw.groups.default.deployments[0].model = 'constructor';
    expect(problems(raw)).toContainEqual(expect.stringMatching(/^groups\.default\.deployments\[0\]: no price is known for model "constructor"/));
  });

  it('hands out every named map with no prototype, typed as before', () => {
    const raw = valid();
    raw.features = { search: {} };
    raw.tenants = { acme: { key_env: 'OPENAI_API_KEY' } };
    raw.budgets = { tenants: { acme: { daily_usd: 1 } }, features: { search: { daily_usd: 1 } } };
    raw.alerting.notifiers = { hook: { kind: 'webhook', url: 'http://127.0.0.1:9/x', headers_env: { authorization: 'OPENAI_API_KEY' } } };
    raw.tracing = { endpoint: 'http://127.0.0.1:4318/v1/traces', headers_env: { Authorization: 'OPENAI_API_KEY' } };
    const c = prepareConfig({ raw, source: 'x', env, cwd: tmp() });
    const maps = [c.providers, c.groups, c.tenants, c.features, c.budgets.tenants, c.budgets.features, c.alerting.notifiers, c.tracing.headers_env];
    const hook = c.alerting.notifiers.hook;
    if (hook?.kind === 'webhook') maps.push(hook.headers_env);
    for (const map of maps) {
      expect(Object.getPrototypeOf(map)).toBeNull();
      for (const name of ['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty']) expect((map as Record<string, unknown>)[name]).toBeUndefined();
    }
    expect(c.groups.default?.deployments).toHaveLength(2);
  });

  describe('regression: check-config accepted configs that start then refused', () => {
    it('an unset tracing headers_env variable', () => {
      const raw = { ...valid(), tracing: { endpoint: 'http://127.0.0.1:4318/v1/traces', headers_env: { Authorization: 'OTLP_AUTH' } } };
      expect(problems(raw)).toEqual(['tracing.headers_env.Authorization: OTLP_AUTH is not set; export it, or remove the header']);
    });

    it('a half-set Langfuse pair', () => {
      expect(problems(valid(), { ...env, LANGFUSE_PUBLIC_KEY: 'pk-lf-1' })).toEqual([expect.stringMatching(/^tracing: LANGFUSE_SECRET_KEY is not set/)]);
    });

    it('a header value with a newline', () => {
      const raw = { ...valid(), tracing: { endpoint: 'http://127.0.0.1:4318/v1/traces', headers_env: { Authorization: 'OTLP_AUTH' } } };
      expect(problems(raw, { ...env, OTLP_AUTH: 'Bearer a\nb' })).toEqual([expect.stringMatching(/^tracing\.headers_env\.Authorization: OTLP_AUTH holds characters an HTTP header cannot carry/)]);
      const hook = { ...valid(), alerting: { path: ':memory:', notifiers: { hook: { kind: 'webhook', url: 'http://127.0.0.1:9/x', headers_env: { authorization: 'HOOK_AUTH' } } } } };
      expect(problems(hook, { ...env, HOOK_AUTH: 'a\r\nX-Injected: 1' })).toEqual([expect.stringMatching(/^alerting\.notifiers\.hook\.headers_env\.authorization: the environment variable HOOK_AUTH holds characters/)]);
    });

    it('a ledger path under a file, a cache path that is a directory, an alerting file that is not SQLite', () => {
      const dir = tmp();
      writeFileSync(join(dir, 'a-file'), 'x');
      mkdirSync(join(dir, 'a-dir'));
      writeFileSync(join(dir, 'alerts.db'), 'not a database at all');
      const raw = { ...valid(), ledger: { path: 'a-file/ledger.db' }, cache: { path: 'a-dir' }, alerting: { path: 'alerts.db' } };
      const p = problems(raw, env, dir);
      expect(p).toContainEqual(expect.stringMatching(/^ledger\.path: cannot open the ledger at .*a-file is in the way: a file where a directory should be/));
      expect(p).toContainEqual(expect.stringMatching(/^cache\.path: cannot open the answer cache at .*: it is a directory/));
      expect(p).toContainEqual(expect.stringMatching(/^alerting\.path: cannot open the alerting database at .*: the file exists but is not a SQLite database/));
    });

    it('a ledger or alerting file written by a newer ballast', () => {
      const dir = tmp();
      for (const name of ['ledger.db', 'alerts.db']) {
        const db = new Database(join(dir, name));
        db.pragma('user_version = 99');
        db.close();
      }
      const p = problems({ ...valid(), ledger: { path: 'ledger.db' }, alerting: { path: 'alerts.db' } }, env, dir);
      expect(p).toEqual([
        expect.stringMatching(/^ledger\.path: cannot open the ledger at .*: the file has schema version 99, newer than this ballast knows/),
        expect.stringMatching(/^alerting\.path: cannot open the alerting database at .*: the file has schema version 99, newer than this ballast knows/),
      ]);
      const current = new Database(join(dir, 'ok.db'));
      current.pragma('user_version = 1');
      current.close();
      expect(() => prepareConfig({ raw: { ...valid(), ledger: { path: 'ok.db' } }, source: 's', env, cwd: dir })).not.toThrow();
    });

    it('the drill store next to the ledger', () => {
      const dir = tmp();
      mkdirSync(join(dir, 'drills.db'));
      const p = problems({ ...valid(), ledger: { path: 'ledger.db' } }, env, dir);
      expect(p).toEqual([expect.stringMatching(/^ledger\.path: cannot open the drill store \(drills\.db, next to the ledger\) at .*: it is a directory/)]);
    });

    it('does not check the cache file when no cache is used, nor alerting when it is off', () => {
      const dir = tmp();
      mkdirSync(join(dir, 'x'));
      expect(() => prepareConfig({ raw: { ...valid(), cache: { path: 'x', policy: 'off' }, alerting: { enabled: false, path: 'x' } }, source: 's', env, cwd: dir })).not.toThrow();
    });

    it('creates nothing while checking', () => {
      const dir = tmp();
      prepareConfig({ raw: { ...valid(), ledger: { path: 'deep/er/ledger.db' } }, source: 's', env, cwd: dir });
      expect(() => mkdirSync(join(dir, 'deep'))).not.toThrow();
    });
  });

  describe('new keys', () => {
    it('fills the defaults', () => {
      const c = prepareConfig({ raw: { ...valid(), features: { search: {}, chat: {} } }, source: 'x', env, cwd: tmp() });
      expect(c.server).toMatchObject({ max_connections: 1024, request_timeout_ms: 30_000 });
      expect(c.server.metrics_token_env).toBeUndefined();
      expect(c.ledger.features).toEqual(['search', 'chat']);
      expect(c.slo).toMatchObject({ min_requests: 100, include_cache_hits: true });
    });

    it('takes explicit values', () => {
      const raw = {
        ...valid(),
        server: { max_connections: 10, request_timeout_ms: 5000, metrics_token_env: 'METRICS_TOKEN' },
        ledger: { path: ':memory:', features: ['search'] },
        slo: { min_requests: 1, include_cache_hits: false },
      };
      const c = prepareConfig({ raw, source: 'x', env: { ...env, METRICS_TOKEN: 'mt' }, cwd: tmp() });
      expect(c.server).toMatchObject({ max_connections: 10, request_timeout_ms: 5000, metrics_token_env: 'METRICS_TOKEN' });
      expect(c.ledger.features).toEqual(['search']);
      expect(c.slo).toMatchObject({ min_requests: 1, include_cache_hits: false });
    });

    it('names the key for each bad value', () => {
      const raw = {
        ...valid(),
        server: { max_connections: 0, request_timeout_ms: 10, metrics_token_env: 'lower' },
        ledger: { path: ':memory:', features: 'search' },
        slo: { min_requests: 0, include_cache_hits: 'yes' },
      };
      const p = problems(raw);
      for (const key of ['server.max_connections', 'server.request_timeout_ms', 'server.metrics_token_env', 'ledger.features', 'slo.min_requests', 'slo.include_cache_hits']) {
        expect(p.some((line) => line.startsWith(`${key}: `)), `${key} in ${p.join(' | ')}`).toBe(true);
      }
    });

    it('refuses an unset metrics token variable and a reserved name in ledger.features', () => {
      const raw = { ...valid(), server: { metrics_token_env: 'METRICS_TOKEN' }, ledger: { path: ':memory:', features: ['search', 'constructor'] } };
      const p = problems(raw);
      expect(p).toContainEqual(expect.stringMatching(/^server\.metrics_token_env: the environment variable METRICS_TOKEN is not set/));
      expect(p).toContainEqual(expect.stringMatching(/^ledger\.features\[1\]: "constructor" is a reserved name/));
    });
  });
});
