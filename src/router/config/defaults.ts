/**
 * The configurations ballast runs on when there is no ballast.yaml: the real
 * providers when both keys are in the environment, otherwise two emulated ones.
 */
export const EMULATOR_KEY_ENV = {
  primary: 'BALLAST_EMULATOR_KEY_PRIMARY',
  secondary: 'BALLAST_EMULATOR_KEY_SECONDARY',
} as const;

const group = (primaryModel: string, secondaryModel: string) => ({
  default: {
    strategy: 'weighted',
    deployments: [
      { provider: 'primary', model: primaryModel, weight: 9 },
      { provider: 'secondary', model: secondaryModel, weight: 1 },
    ],
    retries_in_group: 1,
    ttft_timeout_ms: 2000,
  },
});

export function realProvidersConfig(): Record<string, unknown> {
  return {
    providers: {
      primary: { kind: 'openai', base_url: 'https://api.openai.com/v1', api_key_env: 'OPENAI_API_KEY' },
      secondary: { kind: 'anthropic', base_url: 'https://api.anthropic.com', api_key_env: 'ANTHROPIC_API_KEY' },
    },
    groups: group('gpt-4o-mini', 'claude-haiku-4-5'),
  };
}

export function emulatedProvidersConfig(urls: { primary: string; secondary: string }): Record<string, unknown> {
  return {
    providers: {
      primary: { kind: 'openai', base_url: `${urls.primary}/v1`, api_key_env: EMULATOR_KEY_ENV.primary, emulated: true },
      secondary: { kind: 'anthropic', base_url: urls.secondary, api_key_env: EMULATOR_KEY_ENV.secondary, emulated: true },
    },
    groups: group('emulated-gpt-4o-mini', 'emulated-claude-haiku-4-5'),
  };
}
