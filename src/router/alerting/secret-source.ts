/**
 * Where a notifier finds its URL, key or header value at send time. Secrets are read
 * from the environment on every send (a rotated key takes effect without a restart) and
 * live nowhere else: not in the outbox, not in a log line, not in an error message.
 */
import { NotifierError } from './notifier-error.js';

export interface SecretSource {
  /** Where the value comes from, for messages: an environment variable name, or `url`. */
  readonly from: string;
  /** True when the value is a secret: it is redacted from anything a receiver echoes. */
  readonly secret: boolean;
  read(): string | undefined;
}

/** A value read from the environment at each send. */
export function fromEnv(env: NodeJS.ProcessEnv, name: string): SecretSource {
  return { from: name, secret: true, read: () => env[name] };
}

/** A value written in ballast.yaml: not a secret (the config refuses obvious tokens). */
export function literal(value: string, from = 'url'): SecretSource {
  return { from, secret: false, read: () => value };
}

/** The value now, or a non-retryable NotifierError naming the variable (never its value). */
export function readSecret(source: SecretSource, notifier: string): string {
  const value = source.read();
  if (value === undefined || value === '') {
    throw new NotifierError({ notifier, code: 'not_configured', message: `${notifier}: ${source.from} is not set; export it and restart ballast` });
  }
  return value;
}
