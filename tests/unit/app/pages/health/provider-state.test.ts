/** Issue #19: a drill-revoked provider showed an empty state badge. */
import { describe, expect, it } from 'vitest';
import { stateLabel } from '../../../../../src/app/pages/health/provider-state.js';

describe('provider state labels', () => {
  it('gives every state /healthz reports words, a symbol and a tone', () => {
    expect(stateLabel('healthy')).toEqual({ text: 'healthy', icon: '●', tone: 'ok' });
    expect(stateLabel('cooling_down')).toMatchObject({ text: 'cooling down', tone: 'warn' });
    expect(stateLabel('bypassed')).toMatchObject({ text: 'bypassed', tone: 'warn' });
    expect(stateLabel('revoked')).toMatchObject({ text: 'key revoked', tone: 'bad' });
  });

  it('shows a state it does not know by its own name, never as an empty badge', () => {
    expect(stateLabel('draining_slowly').text).toBe('draining slowly');
    expect(stateLabel('').text).toBe('unknown');
  });
});
