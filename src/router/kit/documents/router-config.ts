/** (c) The router config: the active configuration as YAML, every secret redacted. */
import { stringify } from 'yaml';
import type { KitData } from '../kit-data.js';
import { redactConfig } from '../redact.js';
import type { KitDocument } from './types.js';

function render(d: KitData): string {
  const yaml = stringify(redactConfig(d.config), { lineWidth: 0 }).replace(/```/g, "'''");
  return `The configuration this router runs on now, defaults filled in. Keys are read from the
environment variables named by \`*_env\` keys; their values are not in this file, and
anything that looked like a credential has been replaced by \`[redacted]\`.

${d.bypassOn !== d.config.routing.bypass ? `Note: the bypass switch is **${d.bypassOn ? 'on' : 'off'}** right now (changed at runtime), unlike \`routing.bypass\` below.\n\n` : ''}\`\`\`yaml
${yaml.trimEnd()}
\`\`\`

Rollback: \`BYPASS_ROUTER=true\` (environment) or \`routing.bypass: true\` sends every
request to the primary with no retry and no failover.
`;
}

export const routerConfig: KitDocument = {
  id: 'router-config',
  title: 'Router config',
  summary: 'The active configuration as YAML, with every secret redacted.',
  render,
};
