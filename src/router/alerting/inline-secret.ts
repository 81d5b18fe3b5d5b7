/**
 * Spotting a URL with a token written into it, so ballast.yaml (which ends up in
 * repositories and support tickets) never holds one: Slack and Discord hooks, Teams
 * connectors, a PagerDuty integration key in the path, a password before the host, or
 * a query parameter named like a credential.
 */

const HOOK_HOSTS = /(^|\.)(hooks\.slack\.com|hooks\.slack-gov\.com|discord(app)?\.com|webhook\.office\.com|outlook\.office\.com)$/i;
const TOKEN_PATH = /\/(services\/T[A-Z0-9]+\/|api\/webhooks\/\d+\/|integration\/[0-9a-f]{32}\/|workflows\/[A-Z0-9]+\/)/i;
const TOKEN_PARAM = /^(token|access_token|api[_-]?key|key|secret|sig|signature|auth|password|code|routing_key)$/i;

/** Why this URL looks like it carries a secret, or null when it does not. */
export function inlineSecretIn(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.password !== '') return 'it has a password before the host';
  if (HOOK_HOSTS.test(u.hostname)) return `${u.hostname} webhook URLs carry their token in the path`;
  if (TOKEN_PATH.test(u.pathname)) return 'its path carries a webhook token';
  for (const name of u.searchParams.keys()) {
    if (TOKEN_PARAM.test(name)) return `its query parameter "${name}" looks like a credential`;
  }
  return null;
}
