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

/**
 * What to cut out of a receiver's answer when a URL is the secret: the URL, its path and
 * query, each query value and each long path segment (a Slack hook's token alone, say).
 */
export function urlSecrets(url: string): string[] {
  const out = [url];
  try {
    const u = new URL(url);
    out.push(`${u.pathname}${u.search}`, u.pathname);
    if (u.search !== '') out.push(u.search);
    for (const v of u.searchParams.values()) if (v.length >= 4) out.push(v);
    for (const seg of u.pathname.split('/')) if (seg.length >= 8) out.push(seg);
  } catch {
    // Not a URL: the whole value is all there is to cut.
  }
  // Longest first, so a part never spoils the cut of the whole.
  return [...new Set(out)].sort((a, b) => b.length - a.length);
}
