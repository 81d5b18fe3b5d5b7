import { useEffect, useRef, useState } from 'react';
import { bytes, dateTime, usd } from '../format.js';
import type { TravelEntry } from '../travel-protocol.js';
import { travel } from '../travel-client.js';
import { LIST_HREF } from './entry-route.js';

/** The answer's text, or its tool calls when it made some. */
export function answerText(e: TravelEntry): string {
  const msg = e.completion.choices[0]?.message;
  const calls = msg?.tool_calls?.map((c) => `${c.function.name}(${c.function.arguments})`).join('\n') ?? '';
  return [msg?.content ?? '', calls].filter((s) => s !== '').join('\n\n');
}

/** One stored answer, whole, with its metadata and a delete button. */
export function EntryDetail({ entryKey, onDeleted }: { entryKey: string; onDeleted: () => void }) {
  const [entry, setEntry] = useState<TravelEntry | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let gone = false;
    setEntry(undefined);
    travel
      .get(entryKey)
      .then((e) => !gone && setEntry(e))
      .catch((err: Error) => !gone && setError(err.message));
    return () => {
      gone = true;
    };
  }, [entryKey]);

  useEffect(() => {
    if (entry !== undefined) heading.current?.focus();
  }, [entry]);

  const remove = async () => {
    try {
      await travel.delete(entryKey);
      onDeleted();
      window.location.hash = LIST_HREF;
    } catch (err) {
      setError((err as Error).message);
    }
  };

  if (error) {
    return (
      <p className="warn" role="alert">
        {error}
      </p>
    );
  }
  if (entry === undefined) return <p className="muted">Loading…</p>;
  if (entry === null) {
    return (
      <div>
        <h3 ref={heading} tabIndex={-1}>
          Not in the cache
        </h3>
        <p>This answer is no longer stored (deleted, or evicted to make room).</p>
        <a href={LIST_HREF}>Back to the list</a>
      </div>
    );
  }
  const s = entry.summary;
  return (
    <article className="entry-detail" aria-labelledby="entry-h">
      <p>
        <a href={LIST_HREF}>← Back to the list</a>
      </p>
      <h3 id="entry-h" ref={heading} tabIndex={-1} className="entry-prompt">
        {s.lastUser || '(no user message)'}
      </h3>
      <div className="entry-answer" aria-label="Answer">
        {answerText(entry)}
      </div>
      <dl className="entry-meta">
        {(
          [
            ['Provider', entry.provider ?? '—'],
            ['Model', entry.model ?? '—'],
            ['Cost', usd(entry.costUsd)],
            ['Created', dateTime(entry.createdAt)],
            ['Last hit', entry.hits > 0 ? dateTime(entry.lastHitAt) : 'never'],
            ['Hits', String(entry.hits)],
            ['Size', bytes(entry.bytes)],
            ['Group', s.group],
            ['Feature', s.feature ?? '—'],
            ['Prompt version', s.promptVersion ?? '—'],
          ] as const
        ).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd data-field={k.toLowerCase().replace(/ /g, '-')}>{v}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="danger" onClick={() => void remove()}>
        Delete this answer
      </button>
    </article>
  );
}
