import { useEffect, useState } from 'react';
import { bytes, count, dateTime } from '../format.js';
import type { ListPage, ListQuery } from '../travel-protocol.js';
import { travel } from '../travel-client.js';
import { entryHref } from './entry-route.js';
import { useDebounced } from './use-debounced.js';

export const PAGE_SIZE = 20;
const SEARCH_DEBOUNCE_MS = 250;

/** The stored answers: search, sort, pages of PAGE_SIZE; each opens by its link. */
export function EntryList({ version }: { version: number }) {
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<NonNullable<ListQuery['sort']>>('created');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<ListPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const needle = useDebounced(search, SEARCH_DEBOUNCE_MS);

  useEffect(() => setOffset(0), [needle, sort]);

  useEffect(() => {
    let gone = false;
    travel
      .list({ search: needle, sort, offset, limit: PAGE_SIZE })
      .then((p) => {
        if (gone) return;
        // a delete can leave the last page empty: step back
        if (p.entries.length === 0 && p.offset > 0) setOffset(Math.max(0, p.offset - PAGE_SIZE));
        else setPage(p);
        setError(null);
      })
      .catch((err: Error) => !gone && setError(err.message));
    return () => {
      gone = true;
    };
  }, [needle, sort, offset, version]);

  const from = page && page.total > 0 ? page.offset + 1 : 0;
  const to = page ? page.offset + page.entries.length : 0;

  return (
    <section aria-labelledby="list-h" className="entry-list">
      <h3 id="list-h">Stored answers</h3>
      <div className="list-controls" role="search">
        <label htmlFor="travel-search">Search</label>
        <input id="travel-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="prompt text, group, feature, version" />
        <label htmlFor="travel-sort">Order</label>
        <select id="travel-sort" value={sort} onChange={(e) => setSort(e.target.value as typeof sort)}>
          <option value="created">newest first</option>
          <option value="recent">last used first</option>
        </select>
      </div>
      {error && (
        <p className="warn" role="alert">
          {error}
        </p>
      )}
      <p className="muted small" role="status" aria-live="polite">
        {page === null ? 'Loading…' : page.total === 0 ? (needle ? `Nothing matches “${needle}”.` : 'Nothing stored yet: answers land here as you use the console.') : `${from}–${to} of ${page.total}${needle ? ` matching “${needle}”` : ''}`}
      </p>
      {page && page.entries.length > 0 && (
        <ol className="entries" start={from}>
          {page.entries.map((e) => (
            <li key={e.key}>
              <a href={entryHref(e.key)} className="entry-link">
                {e.summary.lastUser || '(no user message)'}
              </a>
              <span className="muted small">
                {[e.summary.group, e.summary.feature && `feature ${e.summary.feature}`, e.summary.promptVersion && `version ${e.summary.promptVersion}`, e.provider, dateTime(e.createdAt), count(e.hits, 'hit'), bytes(e.bytes)]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </li>
          ))}
        </ol>
      )}
      {page && page.total > PAGE_SIZE && (
        <nav className="pager" aria-label="Pages of stored answers">
          <button type="button" className="secondary" disabled={page.offset === 0} onClick={() => setOffset(Math.max(0, page.offset - PAGE_SIZE))}>
            Previous
          </button>
          <button type="button" className="secondary" disabled={to >= page.total} onClick={() => setOffset(page.offset + PAGE_SIZE)}>
            Next
          </button>
        </nav>
      )}
    </section>
  );
}
