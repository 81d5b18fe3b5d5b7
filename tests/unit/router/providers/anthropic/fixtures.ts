import { readFileSync } from 'node:fs';
import { createParser } from 'eventsource-parser';

const FIXTURES = new URL('../../../../fixtures/anthropic/', import.meta.url);

export function fixtureText(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

export function fixtureJson(name: string): unknown {
  return JSON.parse(fixtureText(name)) as unknown;
}

export interface SseEvent {
  event: string;
  data: string;
}

/** Splits recorded SSE text the way the adapter does: through eventsource-parser. */
export function sseEvents(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createParser({ onEvent: (e) => events.push({ event: e.event ?? '', data: e.data }) });
  parser.feed(text);
  return events;
}
