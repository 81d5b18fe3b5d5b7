/**
 * A real stack on 127.0.0.1 for integration tests: the emulator with two providers
 * (primary speaks OpenAI, secondary Anthropic) and ballast started from a YAML file,
 * exactly as `ballast start --config` does.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../src/emulator/index.js';
import { createLogger } from '../../../src/router/log.js';
import { startBallast, type Ballast } from '../../../src/router/start.js';

export const KEYS = { primary: 'pk-test-0123456789abcdef', secondary: 'sk-ant-test-fedcba9876543210' };

export interface Stack {
  url: string;
  ballast: Ballast;
  emulator: Emulator;
  logs: string[];
  fault(provider: string, fault: Record<string, unknown>): Promise<void>;
  clearFault(provider: string): Promise<void>;
  revoke(provider: string): Promise<void>;
  restore(provider: string): Promise<void>;
  stats(provider: string): Promise<{ requests: number; aborted: number; in_flight: number; by_status: Record<string, number> }>;
  chat(body: Record<string, unknown>, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export interface StackOptions {
  /** Deep-merged over the default ballast.yaml. */
  config?: Record<string, unknown>;
  emulator?: Partial<EmulatorOptions>;
  env?: Record<string, string>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const emulator = await startEmulator({
    seed: 7,
    providers: [
      { name: 'primary', keys: [KEYS.primary] },
      { name: 'secondary', keys: [KEYS.secondary] },
    ],
    ...options.emulator,
  });
  const base = {
    providers: {
      primary: { kind: 'openai', base_url: `${emulator.providers.primary!.url}/v1`, api_key_env: 'TEST_PRIMARY_KEY', emulated: true },
      secondary: { kind: 'anthropic', base_url: emulator.providers.secondary!.url, api_key_env: 'TEST_SECONDARY_KEY', emulated: true },
    },
    groups: {
      default: {
        strategy: 'weighted',
        deployments: [
          { provider: 'primary', model: 'emulated-gpt-4o-mini', weight: 9 },
          { provider: 'secondary', model: 'emulated-claude-haiku-4-5', weight: 1 },
        ],
        retries_in_group: 1,
        ttft_timeout_ms: 2000,
      },
    },
    routing: { cooldown: { failures: 3, window_ms: 60000, cooldown_ms: 30000, auth_cooldown_ms: 300000 } },
    cache: { path: ':memory:' },
    ledger: { path: ':memory:' },
    alerting: { path: ':memory:' },
  };
  const config = merge(base, options.config ?? {});
  const dir = mkdtempSync(join(tmpdir(), 'ballast-test-'));
  const path = join(dir, 'ballast.yaml');
  writeFileSync(path, stringify(config));
  const logs: string[] = [];
  const ballast = await startBallast({
    configPath: path,
    port: 0,
    drainMs: 500,
    env: { TEST_PRIMARY_KEY: KEYS.primary, TEST_SECONDARY_KEY: KEYS.secondary, ...options.env },
    log: createLogger({ level: 'debug', write: (line) => logs.push(line) }),
  });
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${emulator.controlUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`emulator control ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<unknown>;
  };
  return {
    url: ballast.url,
    ballast,
    emulator,
    logs,
    fault: async (p, f) => void (await control('PUT', `/providers/${p}/fault`, f)),
    clearFault: async (p) => void (await control('DELETE', `/providers/${p}/fault`)),
    revoke: async (p) => void (await control('POST', `/providers/${p}/revoke`)),
    restore: async (p) => void (await control('POST', `/providers/${p}/restore`)),
    stats: (p) => control('GET', `/providers/${p}/stats`) as never,
    chat: (body, headers = {}) =>
      fetch(`${ballast.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: 'Hello there' }], ...body }),
      }),
    async close() {
      await ballast.close();
      await emulator.close();
    },
  };
}

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur)
        ? merge(cur as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

/** Reads an SSE response into its data payloads ("[DONE]" included as a string). */
export async function readSse(res: Response): Promise<Array<Record<string, unknown> | '[DONE]'>> {
  const text = await res.text();
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => {
      const data = block.slice(6);
      return data === '[DONE]' ? '[DONE]' : (JSON.parse(data) as Record<string, unknown>);
    });
}
