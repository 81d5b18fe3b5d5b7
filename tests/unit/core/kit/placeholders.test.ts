import { describe, expect, it } from 'vitest';
import { findPlaceholders, placeholder } from '../../../../src/core/kit/placeholders.js';
import { kitBodyHtml } from '../../../../src/core/kit/printable-html.js';

describe('kit placeholders', () => {
  it('are found in order and highlighted in the printable HTML', () => {
    const md = `We missed it: ${placeholder('describe the fix')}. Owner: ${placeholder('name')}.`;
    expect(findPlaceholders(md)).toEqual(['describe the fix', 'name']);
    const html = kitBodyHtml(md);
    expect(html).toContain('<mark class="placeholder">[[describe the fix]]</mark>');
    expect(html.match(/<mark class="placeholder">/g)).toHaveLength(2);
  });

  it('are not confused with a link, a redaction or a filled-in document', () => {
    expect(findPlaceholders('[docs](https://example.com) key: [redacted] done.')).toEqual([]);
  });

  it('escape raw HTML inside a placeholder like anywhere else', () => {
    expect(kitBodyHtml('[[<img src=x onerror=alert(1)>]]')).not.toContain('<img');
  });
});
