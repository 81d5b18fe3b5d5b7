/**
 * The `tracing:` section of ballast.yaml. Secrets (header values, the Langfuse keys)
 * come from the environment only, never from the file: see resolve-export-target.ts.
 * Depends on zod alone, so config/schema.ts can import it without a cycle.
 */
import { z } from 'zod';

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
/** zod runs refinements even after the url check failed: they must not throw. */
const urlOf = (s: string): URL | null => {
  try {
    return new URL(s);
  } catch {
    return null;
  }
};
const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name such as OTLP_TOKEN');

export const tracingConfigSchema = z.strictObject({
  /** The OTLP/HTTP traces endpoint, e.g. http://127.0.0.1:4318/v1/traces. */
  endpoint: z
    .url({ protocol: /^https?$/, error: 'must be the http(s) URL of an OTLP/HTTP traces endpoint such as http://127.0.0.1:4318/v1/traces' })
    .refine((u) => urlOf(u)?.pathname !== '/', {
      message: 'is a collector base URL; give the traces endpoint itself, such as http://127.0.0.1:4318/v1/traces',
    })
    .refine((u) => !urlOf(u)?.username && !urlOf(u)?.password, {
      message: 'must not carry credentials: the file is no place for secrets; send them as a header with headers_env',
    })
    .optional(),
  /** Header name -> the environment variable holding its value (e.g. Authorization: OTLP_AUTH). */
  headers_env: z
    .record(z.string(), envName)
    .superRefine((headers, ctx) => {
      for (const name of Object.keys(headers)) {
        if (!HEADER_NAME.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: 'must be an HTTP header name such as Authorization' });
      }
    })
    .optional(),
  service_name: z.string().min(1).max(256).default('ballast'),
  /** Share of requests traced, 0 to 1 (by trace id). 0 turns tracing off. */
  sample_ratio: z.number().min(0).max(1).default(1),
});

export type TracingConfig = z.infer<typeof tracingConfigSchema>;
export type TracingConfigInput = z.input<typeof tracingConfigSchema>;
