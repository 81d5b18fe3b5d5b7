/**
 * The one scrubber for text ballast did not write: a provider's error body or stream
 * error, a webhook receiver's answer, a collector's status line, a kit document. It
 * cuts two things: the values of the secrets it is given (every form a text may carry
 * them in), and anything shaped like a credential (bearer and basic tokens, sk-/key-
 * keys, `x-api-key: ...` and `"api_key":"..."` values), whoever's it is.
 *
 * Pure: strings in, string out. Which secrets a router knows is router-secrets.ts.
 * Scrub before cutting: a secret that straddles the cut leaves its first characters
 * behind, where no scrubber can recognise them any more (issue #11, part 6).
 */

export const REDACTED = '[redacted]';

/** Shorter values are no credential worth the name, and would erase ordinary words. */
export const MIN_SECRET_LENGTH = 6;

/** Well-known key shapes: OpenAI/Anthropic (sk-, sk-ant-), pk_/rk_, Mailgun-style key-, Slack xox*, GitHub, AWS, JWTs. */
const KEY_SHAPES: readonly string[] = [
  String.raw`\b(?:sk|pk|rk)[-_][A-Za-z0-9_-]{8,}`,
  // "key-" starts ordinary words (key-value, key-management): a key has a digit.
  String.raw`\bkey-(?=[A-Za-z_-]*\d)[A-Za-z0-9_-]{8,}`,
  String.raw`\bxox[abposr]-[A-Za-z0-9-]{6,}`,
  String.raw`\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{10,}`,
  String.raw`\bgithub_pat_[A-Za-z0-9_]{10,}`,
  String.raw`\bAKIA[0-9A-Z]{12,}`,
  String.raw`\beyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}(?:\.[A-Za-z0-9_-]*)?`,
];
/** `Bearer <token>`, `Basic <token>`, also URL-encoded (`Bearer%20...`). */
const SCHEME = String.raw`\b(?:bearer|basic)(?:\s+|%20|\+)`;
const TOKEN = String.raw`[A-Za-z0-9._~+/=-]{6,}`;
/**
 * A header, field or parameter named like a credential, then its value: `x-api-key: v`,
 * `"api_key": "v"`, `?access_token=v`, `Authorization: v`. Group 1 keeps the name and
 * separator; the value (which never starts with "[", so "[redacted]" is left alone) goes.
 */
const NAMED_VALUE = new RegExp(
  String.raw`(\b(?:x-api-key|x-goog-api-key|api[-_]?key|apikey|authorization|proxy-authorization|token|access[-_]?token|auth[-_]?token|refresh[-_]?token|client[-_]?secret|secret[-_]?key|secret|password|passwd|routing[-_]?key)["']?\s*[:=]\s*["']?)(?:(?:bearer|basic)\s+)?[^\s"'<>,;&}\[\]]{4,}`,
  'gi',
);
const SHAPES = new RegExp(`${SCHEME}${TOKEN}|${KEY_SHAPES.join('|')}`, 'gi');
const SHAPE_TESTS = [...KEY_SHAPES, `${SCHEME}\\S{6,}`].map((s) => new RegExp(s, 'i'));
/** A run of 16+ letters and digits with at least one digit: random enough to be a token. */
const TOKEN_RUN = /[A-Za-z0-9+/=]{16,}/g;

/** Whether a value (not a text) looks like a credential by its shape alone. */
export function looksLikeSecret(s: string): boolean {
  if (SHAPE_TESTS.some((re) => re.test(s))) return true;
  for (const run of s.match(TOKEN_RUN) ?? []) if (/\d/.test(run) && /[A-Za-z]/.test(run)) return true;
  return false;
}

/** `text` with everything shaped like a credential replaced, whoever it belongs to. */
export function scrubCredentials(text: string): string {
  return text.replace(NAMED_VALUE, `$1${REDACTED}`).replace(SHAPES, REDACTED);
}

/**
 * The strings to look for, longest first: each secret whole, its long words (the token
 * of "Bearer <token>"), and the forms a text may carry them in (JSON string, URL
 * encoding, HTML entities).
 */
export function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const s of secrets) {
    for (const part of [s, ...s.split(/\s+/).filter((w) => w.length >= 8)]) {
      if (part.trim().length < MIN_SECRET_LENGTH) continue;
      for (const form of [part, JSON.stringify(part).slice(1, -1), encodeURIComponent(part), escapeHtml(part)]) {
        if (form.length >= MIN_SECRET_LENGTH) forms.add(form);
      }
    }
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * `text` with the value of every given secret cut out, in any form; nothing else
 * touched (documents ballast writes itself, such as the kit, need no shape guessing).
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const form of secretForms(secrets)) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out;
}

/**
 * Text from outside, fit to keep: every given secret and every credential shape cut.
 *
 * @example scrub('echo: Authorization: Bearer abc123def456', []) // 'echo: Authorization: [redacted]'
 */
export function scrub(text: string, secrets: readonly string[] = []): string {
  return scrubCredentials(scrubSecrets(text, secrets));
}

/**
 * Scrubbed, then flattened to one line and cut to `limit` characters: the order that
 * leaves no secret's prefix behind, provided the text was read at least `limit` plus
 * the longest secret's length (see readBounded in alerting/post-json.ts).
 *
 * @example scrubbedExcerpt(body, secrets, 300)
 */
export function scrubbedExcerpt(text: string, secrets: readonly string[], limit: number): string {
  const flat = scrub(text, secrets).replace(/\s+/g, ' ').trim();
  return flat.length > limit ? `${flat.slice(0, limit)}...` : flat;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
