/**
 * Every provider state in words, with its symbol and tone. A state this page does not
 * know (a newer router) is shown by its own name, never as an empty badge (issue #19).
 */
export interface StateLabel {
  text: string;
  icon: string;
  tone: 'ok' | 'warn' | 'bad';
}

const LABELS: Record<string, StateLabel> = {
  healthy: { text: 'healthy', icon: '●', tone: 'ok' },
  cooling_down: { text: 'cooling down', icon: '◐', tone: 'warn' },
  bypassed: { text: 'bypassed', icon: '○', tone: 'warn' },
  revoked: { text: 'key revoked', icon: '✕', tone: 'bad' },
  open: { text: 'breaker open', icon: '✕', tone: 'bad' },
  half_open: { text: 'breaker half-open', icon: '◐', tone: 'warn' },
};

/** @example stateLabel('revoked').text // 'key revoked' */
export function stateLabel(state: string): StateLabel {
  return LABELS[state] ?? { text: state.replaceAll('_', ' ') || 'unknown', icon: '?', tone: 'warn' };
}
