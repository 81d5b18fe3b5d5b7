import { describe, expect, it } from 'vitest';
import { redact } from '../../../../src/router/alerting/post-json.js';
import { urlSecrets } from '../../../../src/router/alerting/secret-source.js';

describe('redact', () => {
  it('cuts a secret, its long words and their URL-encoded forms', () => {
    expect(redact('auth was Bearer abcdefgh12345 (abcdefgh12345)', ['Bearer abcdefgh12345'])).toBe('auth was [redacted] ([redacted])');
    expect(redact('key=a%2Fb%2Fcdef', ['a/b/cdef'])).toBe('key=[redacted]');
    expect(redact('nothing here', ['abcdefgh12345'])).toBe('nothing here');
  });

  it('leaves very short values alone (they would cut ordinary words)', () => {
    expect(redact('abc in a sentence', ['abc'])).toBe('abc in a sentence');
  });
});

describe('urlSecrets', () => {
  it('a hook URL: the whole, its path and query, each query value and each long segment, longest first', () => {
    const s = urlSecrets('https://hooks.slack.com/services/T0001/B0001/tokentokentoken?sig=abcd1234');
    expect(s[0]).toBe('https://hooks.slack.com/services/T0001/B0001/tokentokentoken?sig=abcd1234');
    expect(s).toEqual(expect.arrayContaining(['/services/T0001/B0001/tokentokentoken?sig=abcd1234', 'tokentokentoken', 'abcd1234', 'services']));
    expect(redact('no_service: /services/T0001/B0001/tokentokentoken', s)).toBe('no_service: [redacted]');
    expect(redact('bad token tokentokentoken', s)).toBe('bad token [redacted]');
  });
});
