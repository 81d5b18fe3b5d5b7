import { describe, expect, it } from 'vitest';
import { ImportError, parseThreadsJson, threadsToJson, threadToMarkdown } from '../../../../src/app/console/thread-export.js';
import { thread, turn } from './fixtures.js';

describe('thread export and import', () => {
  const t = thread([turn('Packing list?', '- passport\n- charger', { meta: { provider: 'primary', model: 'gpt', travel: null } as never }), turn('And for rain?', '**Umbrella**')], { system: 'Be brief.', title: 'Lisbon trip' });

  it('JSON round-trips a thread: title, system prompt, every prompt and answer', () => {
    const [back] = parseThreadsJson(threadsToJson([t]));
    expect(back).toMatchObject({ id: t.id, title: 'Lisbon trip', system: 'Be brief.', createdAt: t.createdAt, updatedAt: t.updatedAt });
    expect(back!.turns.map((u) => [u.prompt, u.text])).toEqual([
      ['Packing list?', '- passport\n- charger'],
      ['And for rain?', '**Umbrella**'],
    ]);
    expect(back!.turns[0]!.options).toEqual(t.turns[0]!.options);
  });

  it('Markdown reads as a document: the title, the system prompt, each turn with who answered', () => {
    const md = threadToMarkdown(t);
    expect(md).toMatch(/^# Lisbon trip\n/);
    expect(md).toContain('## System\n\nBe brief.');
    expect(md).toContain('## You\n\nPacking list?\n\n## Answer (primary, gpt)\n\n- passport\n- charger');
    expect(md).toContain('## You\n\nAnd for rain?\n\n## Answer\n\n**Umbrella**');
  });

  it('an import never brings a turn in flight or queued back to life', () => {
    const json = threadsToJson([thread([turn('x', 'y', { pending: true, queued: true })])]);
    const [back] = parseThreadsJson(json);
    expect(back!.turns[0]).toMatchObject({ pending: false, queued: false });
  });

  it('says what is wrong with a file that is not an export', () => {
    expect(() => parseThreadsJson('nope')).toThrow(new ImportError('The file is not JSON.'));
    expect(() => parseThreadsJson('{"entries":[]}')).toThrow(/not a ballast thread export/);
    expect(() => parseThreadsJson('{"format":"ballast-thread","version":1,"threads":[{"turns":[{"text":"no prompt"}]}]}')).toThrow('threads[0].turns[0]: a turn needs a "prompt" string.');
  });
});
