import { describe, expect, it } from 'vitest';
import { alertingConfigSchema } from '../../../../src/router/alerting/config.js';
import { createNotifiers, notifierEnvProblems } from '../../../../src/router/alerting/create-notifiers.js';
import { inlineSecretIn } from '../../../../src/router/alerting/inline-secret.js';
import { ConfigError } from '../../../../src/router/config/load.js';

function problems(input: unknown): string[] {
  const r = alertingConfigSchema.safeParse(input);
  if (r.success) return [];
  return r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('alertingConfigSchema', () => {
  it('defaults: on, .ballast/alerts.db, every 15 s, instance "ballast", no notifiers, 1 s .. 5 min retries', () => {
    expect(alertingConfigSchema.parse({})).toEqual({
      enabled: true,
      path: '.ballast/alerts.db',
      interval_s: 15,
      instance: 'ballast',
      notifiers: {},
      retry: { initial_s: 1, max_s: 300 },
      retention_days: 90,
    });
  });

  it('takes the three kinds, with their defaults', () => {
    const c = alertingConfigSchema.parse({
      notifiers: {
        ops: { kind: 'webhook', url: 'https://alerts.example.com/ballast', headers_env: { authorization: 'ALERT_WEBHOOK_AUTH' } },
        slack: { kind: 'slack', url_env: 'ALERT_SLACK_WEBHOOK_URL' },
        oncall: { kind: 'pagerduty', routing_key_env: 'PD_ROUTING_KEY' },
      },
    });
    expect(c.notifiers.oncall).toEqual({ kind: 'pagerduty', routing_key_env: 'PD_ROUTING_KEY', url: 'https://events.pagerduty.com/v2/enqueue', severity: 'critical', timeout_ms: 10_000 });
    expect(c.notifiers.slack).toMatchObject({ kind: 'slack', url_env: 'ALERT_SLACK_WEBHOOK_URL', timeout_ms: 10_000 });
  });

  it('refuses a Slack hook URL written inline, pointing to url_env', () => {
    const p = problems({ notifiers: { s: { kind: 'slack', url: 'https://hooks.slack.com/services/T000/B000/XXXX' } } });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^notifiers\.s\.url: this URL holds a secret \(hooks\.slack\.com webhook URLs carry their token in the path\); .*set url_env: ALERT_SLACK_WEBHOOK_URL instead$/);
  });

  it('refuses a routing key written inline, pointing to routing_key_env', () => {
    const p = problems({ notifiers: { pd: { kind: 'pagerduty', routing_key_env: 'PD_KEY', routing_key: '0123456789abcdef0123456789abcdef' } } });
    expect(p).toEqual([expect.stringMatching(/^notifiers\.pd\.routing_key: a routing key is a secret; .*routing_key_env/)]);
  });

  it('refuses a webhook URL with a credential in its query or before its host', () => {
    expect(problems({ notifiers: { w: { kind: 'webhook', url: 'https://x.example.com/hook?token=abc' } } })[0]).toMatch(/query parameter "token" looks like a credential.*url_env: ALERT_WEBHOOK_URL/);
    expect(problems({ notifiers: { w: { kind: 'webhook', url: 'https://user:pw@x.example.com/hook' } } })[0]).toMatch(/password before the host/);
  });

  it('needs exactly one of url and url_env', () => {
    expect(problems({ notifiers: { w: { kind: 'webhook' } } })).toEqual([expect.stringMatching(/^notifiers\.w\.url_env: set exactly one of url_env/)]);
    expect(problems({ notifiers: { w: { kind: 'webhook', url: 'https://a.example.com', url_env: 'A' } } })).toHaveLength(1);
  });

  it('names what is wrong: a kind, a variable name, a URL, a notifier name, a severity, the retry order', () => {
    expect(problems({ notifiers: { x: { kind: 'email' } } })).toEqual(['notifiers.x.kind: kind must be one of "webhook", "slack" or "pagerduty"']);
    expect(problems({ notifiers: { s: { kind: 'slack', url_env: 'lower-case' } } })[0]).toMatch(/url_env: must be an environment variable name/);
    expect(problems({ notifiers: { w: { kind: 'webhook', url: 'ftp://x' } } })[0]).toMatch(/url: must be an http\(s\) URL/);
    expect(problems({ notifiers: { 'Bad Name': { kind: 'slack', url_env: 'A' } } })[0]).toMatch(/notifier names are 1-64 lowercase letters/);
    expect(problems({ notifiers: { p: { kind: 'pagerduty', routing_key_env: 'K', severity: 'high' } } })).toHaveLength(1);
    expect(problems({ retry: { initial_s: 600, max_s: 300 } })).toEqual(['retry: initial_s is larger than max_s']);
    expect(problems({ instance: 'has space' })[0]).toMatch(/instance: must be 1-100 letters/);
    expect(problems({ notifiers: { p: { kind: 'pagerduty', routing_key_env: 'K', extra: 1 } } })).toHaveLength(1);
  });
});

describe('inlineSecretIn', () => {
  it('sees tokens in known hook URLs and credential-like parameters, and nothing in plain URLs', () => {
    expect(inlineSecretIn('https://discord.com/api/webhooks/1/abc')).not.toBeNull();
    expect(inlineSecretIn('https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue')).not.toBeNull();
    expect(inlineSecretIn('http://127.0.0.1:9000/services/T0001/B0001/abc')).not.toBeNull();
    expect(inlineSecretIn('https://alerts.example.com/ballast?team=sre')).toBeNull();
    expect(inlineSecretIn('https://events.pagerduty.com/v2/enqueue')).toBeNull();
    expect(inlineSecretIn('http://127.0.0.1:9000/slack')).toBeNull();
  });
});

describe('createNotifiers', () => {
  const config = alertingConfigSchema.parse({
    notifiers: {
      slack: { kind: 'slack', url_env: 'SLACK_URL' },
      oncall: { kind: 'pagerduty', routing_key_env: 'PD_KEY' },
      ops: { kind: 'webhook', url_env: 'OPS_URL', headers_env: { authorization: 'OPS_AUTH' } },
    },
  });

  it('lists every missing or unusable variable by name, never a value', () => {
    const env = { SLACK_URL: 'not a url with-secret-xyz', PD_KEY: '' };
    const p = notifierEnvProblems(config.notifiers, env);
    expect(p).toEqual([
      'alerting.notifiers.slack.url_env: the environment variable SLACK_URL does not hold an http(s) URL',
      'alerting.notifiers.oncall.routing_key_env: the environment variable PD_KEY is not set; export it before starting (secrets are read from the environment only)',
      'alerting.notifiers.ops.url_env: the environment variable OPS_URL is not set; export it before starting (secrets are read from the environment only)',
      'alerting.notifiers.ops.headers_env.authorization: the environment variable OPS_AUTH is not set; export it before starting (secrets are read from the environment only)',
    ]);
    expect(() => createNotifiers(config.notifiers, env)).toThrow(ConfigError);
    expect(p.join('\n')).not.toContain('with-secret-xyz');
  });

  it('builds one notifier per name when the environment is complete', () => {
    const env = { SLACK_URL: 'https://hooks.slack.com/services/T/B/x', PD_KEY: 'k', OPS_URL: 'http://127.0.0.1:1/x', OPS_AUTH: 'Bearer t' };
    expect(createNotifiers(config.notifiers, env).map((n) => n.name)).toEqual(['slack', 'oncall', 'ops']);
  });

  it('a variable unset at send time fails that page for good, naming the variable', async () => {
    const env: NodeJS.ProcessEnv = { SLACK_URL: 'https://hooks.slack.com/services/T/B/x', PD_KEY: 'k', OPS_URL: 'http://127.0.0.1:1/x', OPS_AUTH: 'Bearer t' };
    const pd = createNotifiers(config.notifiers, env).find((n) => n.name === 'oncall');
    delete env.PD_KEY;
    await expect(pd?.send({ id: 'x', instance: 'b', alert: 'cost', state: 'firing', from: 'pending', at: 0, value: 1, threshold: 0.5, eligible: 30, window: '5m' })).rejects.toMatchObject({
      code: 'not_configured',
      retryable: false,
      message: 'oncall: PD_KEY is not set; export it and restart ballast',
    });
  });
});
