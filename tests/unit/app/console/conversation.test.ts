import { describe, expect, it } from 'vitest';
import { messagesFor, titleFrom } from '../../../../src/app/console/conversation.js';
import { thread, turn } from './fixtures.js';

describe('the messages a turn carries', () => {
  it('a follow-up carries the system prompt and every earlier prompt and answer, in order', () => {
    const t = thread([turn('Draft a note to the landlord', 'Dear landlord, ...'), turn('Shorter', 'Landlord: ...'), turn('Now make it more formal', '')], { system: 'You write letters.' });
    expect(messagesFor(t, 2)).toEqual([
      { role: 'system', content: 'You write letters.' },
      { role: 'user', content: 'Draft a note to the landlord' },
      { role: 'assistant', content: 'Dear landlord, ...' },
      { role: 'user', content: 'Shorter' },
      { role: 'assistant', content: 'Landlord: ...' },
      { role: 'user', content: 'Now make it more formal' },
    ]);
  });

  it('a first prompt carries only itself when there is no system prompt', () => {
    expect(messagesFor(thread([turn('Hello', '')], { system: '  ' }), 0)).toEqual([{ role: 'user', content: 'Hello' }]);
  });

  it('failed, queued and unanswered turns are not history', () => {
    const failed = turn('Lost', '', { error: { status: null, code: 'router_unreachable', message: 'x', failure: 'router-unreachable' } });
    const queued = turn('Waiting', '', { queued: true });
    const t = thread([turn('Kept', 'yes'), failed, queued, turn('Next', '')]);
    expect(messagesFor(t, 3).map((m) => m.content)).toEqual(['Kept', 'yes', 'Next']);
  });

  it('turns after the one sent are never carried (retrying an earlier turn)', () => {
    const t = thread([turn('One', 'a'), turn('Two', 'b'), turn('Three', 'c')]);
    expect(messagesFor(t, 1).map((m) => m.content)).toEqual(['One', 'a', 'Two']);
  });
});

describe('thread titles', () => {
  it('the first line of the first prompt, cut at a word', () => {
    expect(titleFrom('Plan a trip\nto Lisbon')).toBe('Plan a trip');
    const long = 'Write a detailed packing list for a two week business trip to Lisbon in December';
    expect(titleFrom(long)).toBe('Write a detailed packing list for a two week business trip…');
    expect(titleFrom('   ')).toBe('New conversation');
  });
});
