import { describe, expect, it } from 'vitest';
import { normalizePrompt, suggestPrompts, type SavedPrompt } from '../../../../src/app/console/prompt-suggest.js';

const saved = (prompt: string, i = 0): SavedPrompt => ({ key: `k${i}`, prompt, createdAt: 1_795_000_000_000 + i, provider: 'primary', model: 'gpt' });

describe('saved-prompt suggestions', () => {
  const list = [saved('What is 17 * 23?', 1), saved('Packing list for Lisbon', 2), saved('Currency in Portugal', 3), saved('Café hours in Évora', 4)];

  it('normalizes case, accents, punctuation and whitespace', () => {
    expect(normalizePrompt('  What IS 17*23?! ')).toBe('what is 17 23');
    expect(normalizePrompt('Café  hours\nin Évora')).toBe('cafe hours in evora');
  });

  it('"What is 17*23?" finds the saved "What is 17 * 23?" as an exact match', () => {
    const [first] = suggestPrompts(list, 'What is 17*23?');
    expect(first).toMatchObject({ prompt: 'What is 17 * 23?', exact: true });
  });

  it('a typo or a partial prompt still suggests, not as exact', () => {
    expect(suggestPrompts(list, 'packng list').map((s) => [s.prompt, s.exact])).toEqual([['Packing list for Lisbon', false]]);
    expect(suggestPrompts(list, 'cafe evora').map((s) => s.prompt)).toEqual(['Café hours in Évora']);
  });

  it('nothing for one character or no match', () => {
    expect(suggestPrompts(list, 'w')).toEqual([]);
    expect(suggestPrompts(list, 'quantum chromodynamics')).toEqual([]);
  });

  it('one suggestion per normalized prompt', () => {
    expect(suggestPrompts([saved('Hello there', 1), saved('hello, there!', 2)], 'hello there')).toHaveLength(1);
  });
});
