/** The app's pages, addressed by the URL hash (#/console, #/travel, ...). */
import { useSyncExternalStore } from 'react';

export const PAGES = [
  { id: 'console', label: 'Console' },
  { id: 'travel', label: 'Travel cache' },
  { id: 'health', label: 'Health' },
  { id: 'drill', label: 'Drill' },
  { id: 'kit', label: 'Kit' },
  { id: 'settings', label: 'Settings' },
] as const;

export type PageId = (typeof PAGES)[number]['id'];

function current(): PageId {
  const id = window.location.hash.replace(/^#\/?/, '').split('/')[0];
  return PAGES.some((p) => p.id === id) ? (id as PageId) : 'console';
}

function subscribe(l: () => void): () => void {
  window.addEventListener('hashchange', l);
  return () => window.removeEventListener('hashchange', l);
}

export function usePage(): PageId {
  return useSyncExternalStore(subscribe, current);
}
