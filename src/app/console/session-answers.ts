/**
 * This session's answers, newest first. Module state (not component state) so they
 * survive a visit to another page; a reload starts a new session.
 */
import { useSyncExternalStore } from 'react';
import type { ConsoleAnswer } from './send-prompt.js';

/** Enough to scroll back through a working session without holding megabytes. */
export const MAX_ANSWERS = 100;

let answers: readonly ConsoleAnswer[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit(): void {
  for (const l of listeners) l();
}

export function newAnswerId(): number {
  return nextId++;
}

/** Adds an answer at the top, or replaces the one with the same id. */
export function putAnswer(a: ConsoleAnswer): void {
  const i = answers.findIndex((x) => x.id === a.id);
  answers = i >= 0 ? answers.map((x) => (x.id === a.id ? a : x)) : [a, ...answers].slice(0, MAX_ANSWERS);
  emit();
}

export function clearAnswers(): void {
  answers = [];
  emit();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useSessionAnswers(): readonly ConsoleAnswer[] {
  return useSyncExternalStore(subscribe, () => answers);
}
