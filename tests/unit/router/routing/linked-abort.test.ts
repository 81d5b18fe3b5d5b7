import { describe, expect, it } from 'vitest';
import { linkedAbort } from '../../../../src/router/routing/linked-abort.js';

describe('linkedAbort', () => {
  it('aborts with the parent, carrying its reason', () => {
    const parent = new AbortController();
    const child = linkedAbort(parent.signal);
    expect(child.signal.aborted).toBe(false);
    parent.abort(new Error('client gone'));
    expect(child.signal.aborted).toBe(true);
    expect((child.signal.reason as Error).message).toBe('client gone');
  });

  it('aborts alone without touching the parent', () => {
    const parent = new AbortController();
    const child = linkedAbort(parent.signal);
    child.abort('deadline');
    expect(child.signal.reason).toBe('deadline');
    expect(parent.signal.aborted).toBe(false);
  });

  it('starts aborted under an aborted parent', () => {
    const parent = new AbortController();
    parent.abort('gone');
    expect(linkedAbort(parent.signal).signal.reason).toBe('gone');
  });
});
