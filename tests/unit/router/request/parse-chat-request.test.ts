import { describe, expect, it } from 'vitest';
import { BallastError } from '../../../../src/router/http/errors.js';
import { parseChatRequest } from '../../../../src/router/request/parse-chat-request.js';

function reject(body: unknown): BallastError {
  try {
    parseChatRequest(body);
  } catch (err) {
    expect(err).toBeInstanceOf(BallastError);
    return err as BallastError;
  }
  throw new Error('expected a rejection');
}

describe('parseChatRequest', () => {
  it('accepts a minimal request and keeps unknown fields for the provider', () => {
    const r = parseChatRequest({ model: 'default', messages: [{ role: 'user', content: 'hi' }], seed: 7 });
    expect(r.model).toBe('default');
    expect(r.seed).toBe(7);
  });

  it('names the field of a wrong type', () => {
    const e = reject({ model: 'default', messages: [{ role: 'user', content: 'hi' }], temperature: 'hot' });
    expect(e.status).toBe(400);
    expect(e.param).toBe('temperature');
    expect(e.message).toMatch(/^Invalid request: temperature: expected number/);
  });

  it('refuses a missing model, empty messages, a bad role, absurd max_tokens', () => {
    expect(reject({ messages: [{ role: 'user', content: 'x' }] }).message).toMatch(/model: is required/);
    expect(reject({ model: 'default', messages: [] }).param).toBe('messages');
    expect(reject({ model: 'default', messages: [{ role: 'robot', content: 'x' }] }).param).toBe('messages[0].role');
    expect(reject({ model: 'default', messages: [{ role: 'user', content: 'x' }], max_tokens: -5 }).message).toMatch(/max_tokens: must be at least 1/);
    expect(reject({ model: 'default', messages: [{ role: 'user', content: 'x' }], max_tokens: 1e9 }).param).toBe('max_tokens');
  });

  it('refuses a body that is not an object', () => {
    expect(reject([1, 2]).message).toMatch(/JSON object/);
    expect(reject('hi').status).toBe(400);
  });
});
