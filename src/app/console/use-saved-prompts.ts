import { useEffect, useState } from 'react';
import { travel } from '../travel-client.js';
import type { SavedPrompt } from './prompt-suggest.js';

/**
 * First prompts this device has a saved answer for (the travel cache's entries of
 * one-prompt conversations), re-read when `version` changes (after each answer).
 */
export function useSavedPrompts(version: number): readonly SavedPrompt[] {
  const [saved, setSaved] = useState<readonly SavedPrompt[]>([]);
  useEffect(() => {
    let gone = false;
    travel
      .list({ sort: 'recent', limit: 500 })
      .then((page) => {
        if (gone) return;
        setSaved(
          page.entries
            .filter((e) => (e.summary.userTurns ?? 1) === 1)
            .map((e) => ({ key: e.key, prompt: e.summary.prompt ?? e.summary.lastUser, createdAt: e.createdAt, provider: e.provider, model: e.model })),
        );
      })
      .catch(() => undefined);
    return () => {
      gone = true;
    };
  }, [version]);
  return saved;
}
