/**
 * Saved prompts that match what is being typed, so an offline answer is found without
 * typing the prompt exactly: both sides normalized (case, accents, punctuation,
 * whitespace: "What is 17*23?" finds "What is 17 * 23?"), then ranked by uFuzzy, which
 * tolerates one typo per word.
 */
import uFuzzy from '@leeoniya/ufuzzy';

export interface SavedPrompt {
  key: string;
  /** The exact text that was sent (what a suggestion fills in). */
  prompt: string;
  createdAt: number;
  provider: string | null;
  model: string | null;
}

export interface Suggestion extends SavedPrompt {
  /** Same words once normalized: this prompt will be answered from the device. */
  exact: boolean;
}

/** Lower case, no accents, every run of punctuation or space one space. */
export function normalizePrompt(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const compact = (s: string) => s.replace(/ /g, '');

const uf = new uFuzzy({ intraMode: 1, intraIns: 1, interIns: Infinity });

/**
 * @example
 *   suggestPrompts(saved, 'what is 17*23'); // [{ prompt: 'What is 17 * 23?', exact: true, ... }]
 */
export function suggestPrompts(saved: readonly SavedPrompt[], typed: string, limit = 5): Suggestion[] {
  const needle = normalizePrompt(typed);
  if (needle.length < 2) return [];
  const haystack = saved.map((p) => normalizePrompt(p.prompt));
  const target = compact(needle);
  const out: Suggestion[] = [];
  const seen = new Set<string>();
  const add = (i: number) => {
    const p = saved[i]!;
    if (seen.has(haystack[i]!)) return;
    seen.add(haystack[i]!);
    out.push({ ...p, exact: compact(haystack[i]!) === target });
  };
  haystack.forEach((h, i) => {
    if (compact(h) === target) add(i);
  });
  const [idxs, , order] = uf.search(haystack, needle, 0);
  if (idxs) {
    const ranked = order ? order.map((o) => idxs[o]!) : idxs;
    for (const i of ranked) add(i);
  }
  return out.slice(0, limit);
}
