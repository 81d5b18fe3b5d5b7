/**
 * Redaction for everything the kit hands out. ballast.yaml names secrets by environment
 * variable only, but a kit travels to clients, so two independent passes run anyway:
 * the config is walked and anything that looks like a credential is replaced (tenant key
 * hashes, passwords and tokens in URLs, strings shaped like API keys), and every
 * document is then scrubbed of the actual values of every secret the router knows
 * (secrets/scrub.ts, with the list from secrets/router-secrets.ts).
 */
import { inlineSecretIn } from '../alerting/inline-secret.js';
import { REDACTED, looksLikeSecret } from '../secrets/scrub.js';

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
/** Keys whose value is itself a credential (or a hash one can be guessed from). */
const SECRET_KEYS = /^(key_sha256|api_key|apikey|key|token|secret|password|routing_key|authorization|auth|client_secret|private_key)$/i;

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
