/** The open entry lives in the URL (#/travel/KEY), so Back closes it and a link opens it. */
import { useSyncExternalStore } from 'react';

function current(): string | null {
  const m = /^#\/travel\/([^/?#]+)/.exec(window.location.hash);
  return m?.[1] ? decodeURIComponent(m[1]) : null;
}

function subscribe(l: () => void): () => void {
  window.addEventListener('hashchange', l);
  return () => window.removeEventListener('hashchange', l);
}

export function useOpenEntryKey(): string | null {
  return useSyncExternalStore(subscribe, current);
}

export const entryHref = (key: string): string => `#/travel/${encodeURIComponent(key)}`;
export const LIST_HREF = '#/travel';
