/**
 * Server-sent events from an undici body, one event at a time. Ends when the body
 * ends; a transport failure mid-stream is thrown to the adapter, which turns it into
 * an error part.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { HttpResponse } from './transport.js';

export async function* sseEvents(body: HttpResponse['body']): AsyncGenerator<EventSourceMessage> {
  const queue: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => queue.push(event) });
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    parser.feed(decoder.decode(chunk as Buffer, { stream: true }));
    while (queue.length > 0) yield queue.shift() as EventSourceMessage;
  }
  parser.feed(decoder.decode());
  while (queue.length > 0) yield queue.shift() as EventSourceMessage;
}
