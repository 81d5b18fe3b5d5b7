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

describe('keeping the index in step with the threads', () => {
  it('re-indexes a changed thread, drops a deleted one, adds a new one', () => {
    const a = thread([turn('Boat maintenance', 'Check the bilge pump.')], { title: 'Boat' });
    const b = thread([turn('Dinner', 'Grilled sardines.')], { title: 'Food' });
    const s = new ThreadSearch([a, b]);
    expect(s.search('bilge').map((h) => h.threadId)).toEqual([a.id]);
    const a2 = { ...a, turns: [...a.turns, turn('And the rigging?', 'Inspect the shrouds.')] };
    s.sync([a2, b]);
    expect(s.search('shrouds').map((h) => h.threadId)).toEqual([a.id]);
    expect(s.search('bilge')).toHaveLength(1);
    const c = thread([turn('Weather', 'Gale warning for Biscay.')]);
    s.sync([a2, c]);
    expect(s.search('sardines')).toEqual([]);
    expect(s.search('biscay').map((h) => h.threadId)).toEqual([c.id]);
  });
});
