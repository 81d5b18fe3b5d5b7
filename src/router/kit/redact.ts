/**
 * Redaction for everything the kit hands out. ballast.yaml names secrets by environment
 * variable only, but a kit travels to clients, so two independent passes run anyway:
 * the config is walked and anything that looks like a credential is replaced (tenant key
 * hashes, passwords and tokens in URLs, strings shaped like API keys), and every
 * document is then scrubbed of the actual values of every secret the router knows.
 */
import { inlineSecretIn } from '../alerting/inline-secret.js';
import { urlSecrets } from '../alerting/secret-source.js';

export const REDACTED = '[redacted]';

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
/** Keys whose value is itself a credential (or a hash one can be guessed from). */
const SECRET_KEYS = /^(key_sha256|api_key|apikey|key|token|secret|password|routing_key|authorization|auth|client_secret|private_key)$/i;
/** Well-known key shapes: OpenAI/Anthropic (sk-, sk-ant-), Stripe-like pk_/rk_, Slack xox*, GitHub, AWS, JWTs, bearer tokens. */
const KEY_SHAPES: readonly RegExp[] = [
  /\b(sk|pk|rk)[-_][A-Za-z0-9_-]{8,}/,
  /\bxox[abposr]-[A-Za-z0-9-]{6,}/,
  /\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{10,}/,
  /\bgithub_pat_[A-Za-z0-9_]{10,}/,
  /\bAKIA[0-9A-Z]{12,}/,
  /\beyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}/,
  /\bbearer\s+\S{6,}/i,
];
/** A run of 16+ letters and digits with at least one digit: random enough to be a token. */
const TOKEN_RUN = /[A-Za-z0-9+/=]{16,}/g;

/** Whether a string looks like a credential by its shape alone. */
export function looksLikeSecret(s: string): boolean {
  if (KEY_SHAPES.some((re) => re.test(s))) return true;
  for (const run of s.match(TOKEN_RUN) ?? []) if (/\d/.test(run) && /[A-Za-z]/.test(run)) return true;
  return false;
}

/**
 * A URL with its credentials cut out: no user or password, secret-looking query values
 * and path segments replaced, and for webhook hosts that carry the token in the path
 * (Slack, Discord, Teams, PagerDuty integration URLs) the whole path.
 *
 * @example redactUrl('https://hooks.slack.com/services/T0/B0/XYZ') // 'https://hooks.slack.com/[redacted]'
 */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return looksLikeSecret(url) ? REDACTED : url;
  }
  const origin = `${u.protocol}//${u.host}`;
  if (inlineSecretIn(`${origin}${u.pathname}`) !== null) return `${origin}/${REDACTED}`;
  const path = u.pathname
    .split('/')
    .map((seg) => (looksLikeSecret(decodeURIComponent(seg)) ? REDACTED : seg))
    .join('/');
  const params = [...u.searchParams.entries()].map(([k, v]) => {
    const secret = inlineSecretIn(`${origin}/?${encodeURIComponent(k)}=x`) !== null || looksLikeSecret(v) || SECRET_KEYS.test(k);
    return `${encodeURIComponent(k)}=${secret ? REDACTED : encodeURIComponent(v)}`;
  });
  // A fragment can carry a token too (#access_token=...): it never survives a cut.
  const cut = u.username !== '' || u.password !== '' || u.hash !== '' || path !== u.pathname || params.some((p) => p.endsWith(`=${REDACTED}`));
  return cut ? `${origin}${path}${params.length > 0 ? `?${params.join('&')}` : ''}` : url;
}

function redactString(key: string, value: string): string {
  // Environment variable names are the one way ballast.yaml refers to a secret: keep them.
  if (/_env$/.test(key) && ENV_NAME.test(value)) return value;
  if (SECRET_KEYS.test(key)) return REDACTED;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return redactUrl(value);
  return looksLikeSecret(value) ? REDACTED : value;
}

/**
 * A deep copy of a config with every credential replaced by "[redacted]". Keys ending
 * in `_env` keep environment variable names (they are how secrets are referenced);
 * any other value that holds or looks like a credential goes.
 *
 * @example redactConfig({ tenants: { acme: { key_sha256: 'ab…' } } }).tenants.acme.key_sha256 // '[redacted]'
 */
export function redactConfig<T>(value: T): T {
  return walk('', value) as T;
}

function walk(key: string, value: unknown): unknown {
  if (typeof value === 'string') return redactString(key, value);
  if (Array.isArray(value)) return value.map((v) => walk(key, v));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // A map of header -> env var (headers_env) keeps names; a secret-looking header name is cut too.
      const name = looksLikeSecret(k) ? REDACTED : k;
      out[name] = walk(key.endsWith('_env') ? `${k}_env` : k, v);
    }
    return out;
  }
  return value;
}

/**
 * Every environment variable a config names as holding a secret: keys ending in
 * `_env` (provider keys, tenant keys, webhook URLs, routing keys, header values) and
 * the values of `*_env` maps such as headers_env.
 */
export function secretEnvNames(config: unknown, extra: readonly string[] = []): string[] {
  const names = new Set(extra);
  const visit = (key: string, v: unknown): void => {
    if (typeof v === 'string') {
      if (key.endsWith('_env') && ENV_NAME.test(v)) names.add(v);
    } else if (Array.isArray(v)) v.forEach((x) => visit(key, x));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(key.endsWith('_env') ? `${k}_env` : k, x);
  };
  visit('', config);
  return [...names];
}

/**
 * The strings to cut from any output: the value of each named variable that is set,
 * and for URL values the parts that carry their token. Values under 6 characters are
 * left alone (they would erase ordinary words, and are no credential worth the name).
 */
export function secretValues(env: NodeJS.ProcessEnv, names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const name of names) {
    const v = env[name];
    if (!v || v.length < 6) continue;
    for (const part of urlSecrets(v)) if (part.length >= 6 && part !== '/') out.add(part);
    out.add(v);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/**
 * `text` with every occurrence of each secret replaced, also in the encoded forms a
 * document may carry (JSON strings, URL encoding, HTML entities).
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    for (const form of new Set([s, JSON.stringify(s).slice(1, -1), encodeURIComponent(s), escapeHtml(s)])) {
      if (form.length >= 6) out = out.split(form).join(REDACTED);
    }
  }
  return out;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
