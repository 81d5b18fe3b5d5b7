import type { ChatCompletion } from '../../../src/core/chat.js';
import type { NewEntry } from '../../../sw/entry-store.js';

let n = 0;
/** A fresh database name per test: fake-indexeddb is one global factory. */
export const freshDbName = (): string => `travel-test-${process.pid}-${++n}`;

export function completion(text: string, id = 'chatcmpl-test'): ChatCompletion {
  return {
    id,
    object: 'chat.completion',
    created: 1_795_493_718,
    model: 'emulated-gpt-4o-mini',
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 },
  };
}

export function entry(key: string, text = `answer for ${key}`, costUsd = 0.001): NewEntry {
  return {
    key,
    summary: { group: 'default', feature: null, promptVersion: null, lastUser: `prompt ${key}` },
    completion: completion(text),
    provider: 'primary',
    model: 'emulated-gpt-4o-mini',
    costUsd,
  };
}

/** A controllable clock: each call returns the current value; tick() moves it. */
export function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, tick: (ms = 1) => (t += ms) };
}
