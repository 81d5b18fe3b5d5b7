import { describe, expect, it } from 'vitest';
import { excerptAround, ThreadSearch } from '../../../../src/app/console/search-index.js';
import { thread, turn } from './fixtures.js';

describe('search over prompts and answers', () => {
  const lisbon = thread([turn('Packing list for Lisbon', 'Bring a raincoat and a universal adapter.')], { title: 'Lisbon' });
  const taxes = thread([turn('Quarterly taxes', 'File the VAT return by the 20th.'), turn('And payroll?', 'Run payroll on the 25th.')], { title: 'Taxes' });
  const search = new ThreadSearch([lisbon, taxes]);

  it('finds a word that appears only in an answer, and says so', () => {
    const hits = search.search('raincoat');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ threadId: lisbon.id, turnId: lisbon.turns[0]!.id, field: 'answer' });
    expect(hits[0]!.excerpt).toContain('raincoat');
  });

  it('matches prefixes and all the words typed', () => {
    expect(search.search('payr').map((h) => h.turnId)).toEqual([taxes.turns[1]!.id]);
    expect(search.search('vat return').map((h) => h.threadId)).toEqual([taxes.id]);
    expect(search.search('vat raincoat')).toEqual([]);
  });

  it('an empty query finds nothing', () => {
    expect(search.search('  ')).toEqual([]);
  });

  it('an excerpt is cut around the match', () => {
    const text = `${'a '.repeat(200)}needle ${'b '.repeat(200)}`;
    const e = excerptAround(text, ['needle']);
    expect(e.startsWith('…')).toBe(true);
    expect(e.endsWith('…')).toBe(true);
    expect(e).toContain('needle');
    expect(e.length).toBeLessThanOrEqual(122);
  });
});
