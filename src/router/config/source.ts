/**
 * Which configuration applies: --config, $BALLAST_CONFIG, ./ballast.yaml, the real
 * providers when both keys are set, or the emulator. Kept apart from start.ts so the
 * commands that only read the config do not load the whole router.
 */
import { existsSync } from 'node:fs';
import { ConfigError, readConfigFile } from './load.js';
import { realProvidersConfig } from './defaults.js';

export interface ResolvedConfig {
  raw: unknown;
  source: string;
  /** How ballast found its upstreams: a file, the real providers' keys, or the emulator. */
  mode: 'file' | 'real' | 'emulated';
}

/** Which configuration applies, before validation. Emulator URLs are filled in by start. */
export function resolveConfigSource(opts: { configPath?: string | undefined; env: NodeJS.ProcessEnv; cwd?: string | undefined }): ResolvedConfig {
  const path = opts.configPath ?? opts.env.BALLAST_CONFIG ?? (existsSync(`${opts.cwd ?? process.cwd()}/ballast.yaml`) ? `${opts.cwd ?? process.cwd()}/ballast.yaml` : undefined);
  if (path) return { raw: readConfigFile(path), source: path, mode: 'file' };
  const openai = Boolean(opts.env.OPENAI_API_KEY);
  const anthropic = Boolean(opts.env.ANTHROPIC_API_KEY);
  if (openai && anthropic) return { raw: realProvidersConfig(), source: 'the built-in real-provider default', mode: 'real' };
  if (openai || anthropic) {
    throw new ConfigError('environment', [
      `${openai ? 'ANTHROPIC_API_KEY' : 'OPENAI_API_KEY'} is not set: the built-in default routes between OpenAI and Anthropic and needs both keys; export it, or write a ballast.yaml (docs/configuration.md), or unset both to run on the emulator`,
    ]);
  }
  return { raw: null, source: 'the embedded default (emulated providers)', mode: 'emulated' };
}
