import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { withDefaults } from '../../../../src/core/slo/config.js';
import { openAlertsDatabase, SCHEMA_VERSION } from '../../../../src/router/alerting/alerts-database.js';
import { alertingConfigSchema } from '../../../../src/router/alerting/config.js';
import { startAlertingFromConfig } from '../../../../src/router/alerting/start-from-config.js';
import { ConfigError } from '../../../../src/router/config/load.js';
import { captureLog } from './fixtures.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'ballast-alerting-'));
  dirs.push(d);
  return d;
}

const base = { slo: withDefaults(), rollups: () => [], log: captureLog() };

describe('startAlertingFromConfig', () => {
  it('returns null when alerting is disabled, opening nothing', () => {
    const dir = tmp();
    expect(startAlertingFromConfig({ ...base, config: alertingConfigSchema.parse({ enabled: false }), env: {}, cwd: dir })).toBeNull();
  });

  it('refuses to start when a notifier\'s variable is missing, naming it', () => {
    const config = alertingConfigSchema.parse({ path: ':memory:', notifiers: { oncall: { kind: 'pagerduty', routing_key_env: 'PD_ROUTING_KEY' } } });
    expect(() => startAlertingFromConfig({ ...base, config, env: {} })).toThrow(/alerting\.notifiers\.oncall\.routing_key_env: the environment variable PD_ROUTING_KEY is not set/);
  });

  it('opens the file relative to cwd, creating its directory, and runs', async () => {
    const dir = tmp();
    const alerting = startAlertingFromConfig({ ...base, config: alertingConfigSchema.parse({ path: 'state/alerts.db' }), env: {}, cwd: dir });
    expect(alerting?.outbox.file).toBe(join(dir, 'state/alerts.db'));
    await alerting?.close();
  });
});

describe('openAlertsDatabase', () => {
  it('a path that cannot be opened is a ConfigError naming alerting.path and what to do', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'file'), 'x');
    let err: unknown = null;
    try {
      openAlertsDatabase(join(dir, 'file', 'alerts.db'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems[0]).toMatch(/^cannot open the alerting database at ".*file\/alerts\.db" .*set alerting\.path to a writable file/);
  });

  it('refuses a file from a newer ballast', () => {
    const path = join(tmp(), 'alerts.db');
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openAlertsDatabase(path)).toThrow(/newer than this ballast knows/);
  });
});
