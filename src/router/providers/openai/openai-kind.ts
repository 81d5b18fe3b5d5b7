/**
 * kind: openai, and every server that speaks OpenAI's chat completions. The HTTP hooks
 * (path, auth header, query, extra headers) make a compatible variant configuration
 * rather than a fork of the adapter.
 */
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { z } from 'zod';
import { IMAGE_TOKENS_ANY_PROVIDER } from '../../../core/tokens.js';
import { commonProviderKeys, envName } from '../provider-config-schema.js';
import { commonAdapterOptions, type ProviderKindEntry } from '../provider-kind.js';
import { OpenAIAdapter } from './openai-adapter.js';

const headerName = z.string().regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name such as api-key');

export const openaiProviderSchema = z.strictObject({
  kind: z.literal('openai'),
  ...commonProviderKeys,
  /** Path of the chat-completions endpoint under base_url. */
  path: z.string().regex(/^\/[^\s?#]*$/, 'must be a path such as /chat/completions').default('/chat/completions'),
  /** How the key is sent: "authorization" as a Bearer token (default), or the name of a header that carries it bare (e.g. api-key). */
  auth_header: headerName.default('authorization'),
  /** Query parameters added to every call (e.g. api-version). */
  query: z.record(z.string().regex(/^[A-Za-z0-9_.-]+$/, 'must be a query parameter name'), z.string()).optional(),
  /** Extra headers whose values come from the environment: header name -> variable name. */
  headers_env: z.record(headerName, envName).optional(),
});

export type OpenAIProviderConfig = z.infer<typeof openaiProviderSchema>;

/** The most input tokens one image costs: high detail, 8 tiles; the mini models bill images at 4o's cost in their own tokens. */
const IMAGE_TOKENS_4O = 85 + 8 * 170;

export const openaiKind: ProviderKindEntry<OpenAIProviderConfig> = {
  configSchema: openaiProviderSchema,
  create: (c, deps) =>
    new OpenAIAdapter({
      ...commonAdapterOptions(c, deps),
      http: {
        path: c.path,
        authHeader: c.auth_header,
        query: c.query ?? {},
        headers: () => Object.fromEntries(Object.entries(c.headers_env ?? {}).map(([header, variable]) => [header, deps.env[variable] ?? ''])),
      },
    }),
  // OpenAI charges no cache writes and reads at half price or less.
  cachePrices: (input) => ({ cacheRead: input * 0.5, cacheWrite5m: input, cacheWrite1h: input }),
  countTextTokens: (text) => countTokens(text),
  imageTokensUpperBound: (model) => (/mini/.test(model) ? IMAGE_TOKENS_ANY_PROVIDER : IMAGE_TOKENS_4O),
};
