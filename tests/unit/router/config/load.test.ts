import { describe, expect, it } from 'vitest';
import { applyEnvOverrides, ConfigError, parseYaml, validateConfig } from '../../../../src/router/config/load.js';

const env = { OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: 'ak-test' };
const valid = () => ({
  providers: {
    primary: { kind: 'openai', base_url: 'https://api.openai.com/v1', api_key_env: 'OPENAI_API_KEY' },
    secondary: { kind: 'anthropic', base_url: 'https://api.anthropic.com', api_key_env: 'ANTHROPIC_API_KEY' },
  },
  groups: {
    default: {
      deployments: [
        { provider: 'primary', model: 'gpt-4o-mini', weight: 9 },
        { provider: 'secondary', model: 'claude-haiku-4-5', weight: 1 },
      ],
    },
  },
});

function problems(raw: unknown, e: Record<string, string> = env): string[] {
  try {
    validateConfig(raw, 'ballast.yaml', e);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('config validation', () => {
  it('fills the documented defaults', () => {
    const c = validateConfig(valid(), 'x', env);
    expect(c.server).toMatchObject({ host: '127.0.0.1', port: 4100 });
    expect(c.groups.default).toMatchObject({ strategy: 'weighted', retries_in_group: 1, ttft_timeout_ms: 2000 });
    expect(c.routing.bypass).toBe(false);
    expect(c.slo).toEqual({ success_rate: 0.995, p95_latency_ms: 2500, avg_cost_usd: 0.015, window_days: 30, min_requests: 100, include_cache_hits: true });
  });

  it('names the key and the fix for a wrong type', () => {
    const raw = valid();
    (raw.groups.default.deployments[1] as Record<string, unknown>).weight = 'heavy';
    expect(problems(raw)).toEqual([expect.stringMatching(/^groups\.default\.deployments\[1\]\.weight: expected number/)]);
  });

  it('names a misspelt key', () => {
    const raw = { ...valid(), grups: {} };
    expect(problems(raw)[0]).toMatch(/unknown key "grups"; check the spelling/);
  });

  it('lists the allowed values of an enum', () => {
    const raw = valid();
    (raw.groups.default as Record<string, unknown>).strategy = 'random';
    expect(problems(raw)[0]).toMatch(/groups\.default\.strategy: must be one of "weighted", "ordered"/);
  });

  it('refuses a deployment on an unknown provider, naming the known ones', () => {
    const raw = valid();
    raw.groups.default.deployments[1]!.provider = 'tertiary';
    expect(problems(raw)).toEqual([expect.stringContaining('groups.default.deployments[1].provider: "tertiary" is not a provider; use one of "primary", "secondary"')]);
  });

  it('refuses to start when a provider key is missing from the environment', () => {
    expect(problems(valid(), { OPENAI_API_KEY: 'x' })).toEqual([expect.stringContaining('providers.secondary.api_key_env: the environment variable ANTHROPIC_API_KEY is not set')]);
  });

  it('refuses a public address without tenants and an admin token', () => {
    const raw = { ...valid(), server: { host: '0.0.0.0' } };
    const p = problems(raw);
    expect(p.some((x) => x.includes('no tenants are configured'))).toBe(true);
    expect(p.some((x) => x.includes('BALLAST_ADMIN_TOKEN is not set'))).toBe(true);
  });

  it('refuses all-zero weights and a pin to nowhere', () => {
    const raw = valid();
    raw.groups.default.deployments.forEach((d) => (d.weight = 0));
    const withPin = { ...raw, features: { checkout: { pin: 'nope' } } };
    const p = problems(withPin);
    expect(p).toContainEqual(expect.stringContaining('every weight is 0'));
    expect(p).toContainEqual(expect.stringContaining('features.checkout.pin: "nope" is not a provider'));
  });

  it('a budget that makes no sense is refused: daily over monthly, negative, an unknown tenant', () => {
    const p = problems({ ...valid(), budgets: { tenants: { default: { daily_usd: 50, monthly_usd: 10 } }, features: { f: { daily_usd: -1 } } } });
    expect(p).toContainEqual(expect.stringContaining('budgets.tenants.default: daily_usd is larger than monthly_usd'));
    expect(p).toContainEqual(expect.stringContaining('budgets.features.f.daily_usd: must be above 0'));
    expect(problems({ ...valid(), budgets: { tenants: { acme: { daily_usd: 1 } } } })).toContainEqual(expect.stringContaining('budgets.tenants.acme: there is no tenant "acme"'));
  });

  it('a model with no known price stops the start, naming the key', () => {
    const raw = valid();
    raw.groups.default.deployments[0]!.model = 'my-finetune';
    expect(problems(raw)).toContainEqual(expect.stringContaining('groups.default.deployments[0]: no price is known for model "my-finetune"; add price:'));
    (raw.groups.default.deployments[0] as Record<string, unknown>).price = { input: 0.3, output: 1.2 };
    expect(() => validateConfig(raw, 'x', env)).not.toThrow();
  });

  it('guardrails: a cap of zero or a ladder step that does not exist is refused', () => {
    expect(problems({ ...valid(), guardrails: { max_cost_usd: 0 } })[0]).toMatch(/guardrails\.max_cost_usd: must be above 0/);
    expect(problems({ ...valid(), guardrails: { degrade: ['pray'] } })[0]).toMatch(/guardrails\.degrade\[0\]: must be one of "truncate", "cheaper_model", "cached"/);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(() => parseYaml('providers:\n  primary: { kind: openai\n', 'ballast.yaml')).toThrow(/line 2|at line/i);
  });

  it('BYPASS_ROUTER=true overrides the file; a bad value is named', () => {
    const c = validateConfig(applyEnvOverrides(valid(), { BYPASS_ROUTER: 'true' }), 'x', env);
    expect(c.routing.bypass).toBe(true);
    expect(() => applyEnvOverrides(valid(), { BYPASS_ROUTER: 'maybe' })).toThrow(/BYPASS_ROUTER=maybe: expected true or false/);
  });
});
