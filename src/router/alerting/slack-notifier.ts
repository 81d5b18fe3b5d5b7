/**
 * Slack incoming webhooks: `{ text, blocks }`. `text` is the notification line (and the
 * fallback where blocks do not show); the blocks lay out alert, state, value against
 * threshold, window, eligible requests and time. The webhook URL is the secret: its
 * path is the token, so it is read from the environment at send time.
 */
import { eligibleText, formatValue, measureOf, pageSummary, thresholdText } from './describe-page.js';
import { postJson } from './post-json.js';
import { urlSecrets } from '../secrets/router-secrets.js';
import { readSecret, type SecretSource } from './secret-source.js';
import type { Notifier, Page } from './types.js';

interface TextObject {
  type: 'plain_text' | 'mrkdwn';
  text: string;
  emoji?: boolean;
}

export type SlackBlock =
  | { type: 'header'; text: TextObject }
  | { type: 'section'; text?: TextObject; fields?: TextObject[] }
  | { type: 'context'; elements: TextObject[] };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

const field = (label: string, value: string): TextObject => ({ type: 'mrkdwn', text: `*${label}*\n${value}` });

/** Slack's date token: shown in the reader's time zone, with the ISO time as fallback. */
function slackTime(at: number): string {
  const iso = new Date(at).toISOString();
  return `<!date^${Math.floor(at / 1000)}^{date_short_pretty} {time_secs}|${iso}>`;
}

/** The message Slack receives for a page. */
export function slackMessage(page: Page): SlackMessage {
  const firing = page.state === 'firing';
  const icon = firing ? ':rotating_light:' : ':white_check_mark:';
  const title = firing ? `FIRING: ${page.alert} alert on ${page.instance}` : `RESOLVED: ${page.alert} alert on ${page.instance}`;
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `${icon} ${title}`.slice(0, 150), emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: pageSummary(page) } },
    {
      type: 'section',
      fields: [
        field('Alert', `${page.alert} (${measureOf(page.alert)})`),
        field('State', firing ? `firing (was ${page.from})` : 'resolved'),
        field('Value', formatValue(page.alert, page.value)),
        field('Threshold', `pages ${thresholdText(page)}`),
        field('Window', page.window),
        field('Eligible requests', eligibleText(page.eligible)),
        field('Time', slackTime(page.at)),
      ],
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `ballast alerting, page \`${page.id}\`${page.note === undefined ? '' : `: ${page.note}`}` }] },
  ];
  return { text: `${icon} ${pageSummary(page)}`, blocks };
}

export interface SlackNotifierOptions {
  name: string;
  url: SecretSource;
  timeoutMs?: number;
}

/** @example createSlackNotifier({ name: 'slack', url: fromEnv(env, 'ALERT_SLACK_WEBHOOK_URL') }) */
export function createSlackNotifier(options: SlackNotifierOptions): Notifier {
  const { name } = options;
  return {
    name,
    async send(page) {
      const url = readSecret(options.url, name);
      await postJson({ notifier: name, url, timeoutMs: options.timeoutMs ?? 10_000, secrets: options.url.secret ? urlSecrets(url) : [] }, slackMessage(page));
    },
  };
}

