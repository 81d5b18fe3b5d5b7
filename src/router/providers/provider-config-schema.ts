/**
 * The keys every provider block has in ballast.yaml; each kind extends it with its own
 * (openai/openai-kind.ts, anthropic/anthropic-kind.ts) into one union discriminated on `kind`.
 */
import { z } from 'zod';

export const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name such as OPENAI_API_KEY');

export const commonProviderKeys = {
  base_url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api.openai.com/v1' }),
  api_key_env: envName,
  /** Marks a provider as the built-in emulator in logs and response headers. */
  emulated: z.boolean().default(false),
  /** Deadline for response headers (stream) or the whole answer (non-stream). */
  timeout_ms: z.number().int().min(1).default(60_000),
  /** Longest silence allowed between two stream events once streaming. */
  stream_idle_timeout_ms: z.number().int().min(1).default(30_000),
  connections: z.number().int().min(1).max(4096).default(256),
};
