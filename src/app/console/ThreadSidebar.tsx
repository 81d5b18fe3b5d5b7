import { useEffect, useRef, useState, useSyncExternalStore, type ChangeEvent, type ReactNode } from 'react';
import { useDebounced } from '../travel/use-debounced.js';
import type { SearchHit, ThreadSearch } from './search-index.js';
import { ImportError, parseThreadsJson } from './thread-export.js';
import type { Thread } from './thread-types.js';
import { addThreads, removeThread, renameThread, selectThread, startThread } from './threads-store.js';

/** "Today", "Yesterday", or the date: the sidebar's groups. */
function dayLabel(ms: number, now = new Date()): string {
  const d = new Date(ms);
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  if (ms >= start) return 'Today';
  if (ms >= start - 86_400_000) return 'Yesterday';
  return d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

function ThreadItem({ t, current }: { t: Thread; current: boolean }) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(t.title);
  const [confirm, setConfirm] = useState(false);
  if (editing) {
    return (
      <form
        className="thread-rename"
        onSubmit={(e) => {
          e.preventDefault();
          renameThread(t.id, title);
          setEditing(false);
        }}
      >
        <label className="visually-hidden" htmlFor={`rename-${t.id}`}>
          New name
        </label>
        <input id={`rename-${t.id}`} value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />
        <button type="submit">Save</button>
        <button type="button" className="secondary" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </form>
    );
  }
  return (
    <div className="thread-item">
      <button type="button" className="thread-open" aria-current={current ? 'true' : undefined} onClick={() => selectThread(t.id)}>
        {t.title}
      </button>
      {confirm ? (
        <span className="thread-confirm">
          <button type="button" onClick={() => void removeThread(t.id)} aria-label={`Yes, delete ${t.title}`}>
            Delete
          </button>
          <button type="button" className="secondary" onClick={() => setConfirm(false)}>
            Keep
          </button>
        </span>
      ) : (
        <span className="thread-tools">
          <button type="button" className="secondary icon" aria-label={`Rename ${t.title}`} title="Rename" onClick={() => { setTitle(t.title); setEditing(true); }}>
            ✎
          </button>
          <button type="button" className="secondary icon" aria-label={`Delete ${t.title}`} title="Delete" onClick={() => setConfirm(true)}>
            ✕
          </button>
        </span>
      )}
    </div>
  );
}

let shared: Promise<ThreadSearch> | null = null;

/** The one search index, in its own chunk (MiniSearch stays off the first page). */
function loadIndex(): Promise<ThreadSearch> {
  shared ??= import('./search-index.js').then((m) => new m.ThreadSearch());
  return shared;
}

/**
 * Hits for `q` over every thread. The index is kept in step with the threads
 * incrementally (ThreadSearch.sync); its first build (about half a second for 2,000
 * messages on a slow machine) happens when the browser is idle, not on the first keystroke.
 */
function useThreadSearch(threads: readonly Thread[], q: string): { hits: SearchHit[]; done: boolean } {
  const [result, setResult] = useState<{ q: string; hits: SearchHit[] }>({ q: '', hits: [] });
  useEffect(() => {
    const idle = globalThis.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 200));
    const cancel = globalThis.cancelIdleCallback ?? clearTimeout;
    const id = idle(() => void loadIndex().then((index) => index.sync(threads)));
    return () => cancel(id as number);
  }, [threads]);
  useEffect(() => {
    if (q.trim() === '') {
      setResult({ q, hits: [] });
      return;
    }
    let gone = false;
    void loadIndex().then((index) => {
      index.sync(threads); // a no-op when the idle sync already ran
      if (!gone) setResult({ q, hits: index.search(q) });
    });
    return () => {
      gone = true;
    };
  }, [threads, q]);
  return { hits: result.q === q ? result.hits : [], done: result.q === q };
}

const NARROW = '(max-width: 760px)';

function useNarrow(): boolean {
  return useSyncExternalStore(
    (l) => {
      const m = window.matchMedia(NARROW);
      m.addEventListener('change', l);
      return () => m.removeEventListener('change', l);
    },
    () => window.matchMedia(NARROW).matches,
  );
}

/** On a narrow screen the conversations fold under a disclosure, so the thread and its answer come first. */
function Fold({ narrow, count, children }: { narrow: boolean; count: number; children: ReactNode }) {
  if (!narrow) return <>{children}</>;
  return (
    <details className="threads-fold">
      <summary>Conversations ({count})</summary>
      {children}
    </details>
  );
}

/** The conversations: new, search (prompts and answers), the list by date, import. */
export function ThreadSidebar({ threads, currentId, system }: { threads: readonly Thread[]; currentId: string | null; system: string }) {
  const [query, setQuery] = useState('');
  const q = useDebounced(query, 150);
  const [importNote, setImportNote] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const { hits, done } = useThreadSearch(threads, q);
  const saved = threads.filter((t) => t.turns.length > 0);

  const groups: Array<[string, Thread[]]> = [];
  for (const t of saved) {
    const label = dayLabel(t.updatedAt);
    const g = groups.at(-1);
    if (g && g[0] === label) g[1].push(t);
    else groups.push([label, [t]]);
  }

  const onImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    try {
      const imported = parseThreadsJson(await file.text());
      addThreads(imported);
      setImportNote(`Imported ${imported.length} ${imported.length === 1 ? 'conversation' : 'conversations'}.`);
    } catch (err) {
      setImportNote(err instanceof ImportError ? err.message : 'The file could not be read.');
    }
  };

  const narrow = useNarrow();
  return (
    <aside className="threads" aria-label="Conversations">
      <div className="threads-actions">
        <button type="button" onClick={() => startThread(system)}>
          New conversation
        </button>
        <button type="button" className="secondary" onClick={() => fileRef.current?.click()}>
          Import…
        </button>
        <input ref={fileRef} type="file" accept="application/json,.json" className="visually-hidden" tabIndex={-1} aria-hidden="true" onChange={(e) => void onImport(e)} />
      </div>
      <Fold narrow={narrow} count={saved.length}>
        {importNote && (
          <p className="small" role="status">
            {importNote}
          </p>
        )}
        <label htmlFor="thread-search">Search conversations</label>
        <input id="thread-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="words in a prompt or answer" />
        {q.trim() !== '' ? (
          hits.length === 0 ? (
            <p className="muted small">{done ? `Nothing found for “${q}”.` : 'Searching…'}</p>
          ) : (
            <ul className="search-hits" aria-label="Search results">
              {hits.map((h) => (
                <li key={`${h.threadId}/${h.turnId}`}>
                  <button
                    type="button"
                    className="hit"
                    onClick={() => {
                      selectThread(h.threadId);
                      requestAnimationFrame(() => document.querySelector(`[data-turn-id="${h.turnId}"]`)?.scrollIntoView({ block: 'center' }));
                    }}
                  >
                    <strong>{h.title}</strong>
                    <span className="small muted">
                      in the {h.field}: {h.excerpt}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )
        ) : saved.length === 0 ? (
          <p className="muted small">No conversations yet.</p>
        ) : (
          groups.map(([label, list]) => (
            <section key={label} aria-label={label} className="thread-group">
              <h3 className="small">{label}</h3>
              <ul className="thread-list">
                {list.map((t) => (
                  <li key={t.id}>
                    <ThreadItem t={t} current={t.id === currentId} />
                  </li>
                ))}
              </ul>
            </section>
          ))
        )}
      </Fold>
    </aside>
  );
}
