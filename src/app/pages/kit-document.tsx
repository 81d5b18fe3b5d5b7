/**
 * One kit document: shown as it prints, editable in the page (the edit is kept in this
 * browser), its placeholders highlighted and listed before export, and its downloads
 * made from what is shown, edit included.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { findPlaceholders } from '../../core/kit/placeholders.js';
import { kitBodyHtml, printableHtml } from '../../core/kit/printable-html.js';
import { clearKitEdit, loadKitEdit, saveKitEdit, type KitEdit } from './kit-edits.js';
import type { KitDocumentFiles } from './kit-api.js';

function useObjectUrl(text: string, type: string): string {
  const url = useMemo(() => URL.createObjectURL(new Blob([text], { type })), [text, type]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return url;
}

function generatedAtOf(markdown: string): string {
  return /_Generated (\S+) by ballast/.exec(markdown)?.[1] ?? '';
}

export function KitDocument({ id, title, files }: { id: string; title: string; files: KitDocumentFiles }) {
  const [edit, setEdit] = useState<KitEdit | null>(() => loadKitEdit(id));
  const [editing, setEditing] = useState(false);
  const todoId = useId();
  const editorId = useId();

  useEffect(() => {
    setEdit(loadKitEdit(id));
    setEditing(false);
  }, [id]);

  const markdown = edit?.markdown ?? files.markdown;
  const bodyHtml = useMemo(() => (edit ? kitBodyHtml(edit.markdown) : files.bodyHtml), [edit, files.bodyHtml]);
  const html = useMemo(() => (edit ? printableHtml(edit.markdown, title) : files.html), [edit, files.html, title]);
  const mdUrl = useObjectUrl(markdown, 'text/markdown;charset=utf-8');
  const htmlUrl = useObjectUrl(html, 'text/html;charset=utf-8');
  const placeholders = useMemo(() => findPlaceholders(markdown), [markdown]);

  const change = (text: string) => {
    const next = { markdown: text, savedAt: new Date().toISOString(), basedOn: edit?.basedOn ?? generatedAtOf(files.markdown) };
    saveKitEdit(id, next);
    setEdit(next);
  };
  const reset = () => {
    clearKitEdit(id);
    setEdit(null);
  };

  return (
    <>
      <section className={`kit-todo kit-screen-only ${placeholders.length > 0 ? 'kit-todo-open' : ''}`} aria-labelledby={`${todoId}-h`} id={todoId}>
        <h3 id={`${todoId}-h`}>{placeholders.length === 0 ? 'No placeholders left in this document' : `Fill in before sending: ${placeholders.length} placeholder${placeholders.length === 1 ? '' : 's'}`}</h3>
        {placeholders.length > 0 && (
          <>
            <ol>
              {placeholders.map((p, i) => (
                <li key={`${i}-${p}`}>
                  <mark className="placeholder">[[{p}]]</mark>
                </li>
              ))}
            </ol>
            <p className="small">Edit the document to replace each one; they are highlighted in it.</p>
          </>
        )}
      </section>
      <div className="kit-actions kit-screen-only" role="toolbar" aria-label="Document actions">
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
        <button type="button" aria-expanded={editing} aria-controls={editorId} onClick={() => setEditing(!editing)}>
          {editing ? 'Done editing' : 'Edit'}
        </button>
        {edit && (
          <button type="button" className="secondary" onClick={reset}>
            Discard my edit
          </button>
        )}
        <a href={mdUrl} download={`${id}.md`} aria-describedby={todoId}>
          Download .md
        </a>
        <a href={htmlUrl} download={`${id}.html`} aria-describedby={todoId}>
          Download .html
        </a>
      </div>
      {edit && (
        <p className="small kit-screen-only kit-edited" role="status">
          Edited in this browser (saved {new Date(edit.savedAt).toLocaleString()}); the figures are those generated {edit.basedOn || 'earlier'}. Discard the edit to see the live document.
        </p>
      )}
      {editing && (
        <div className="kit-editor kit-screen-only" id={editorId}>
          <label htmlFor={`${editorId}-t`}>{title} (Markdown, kept in this browser)</label>
          <textarea id={`${editorId}-t`} value={markdown} onChange={(e) => change(e.target.value)} rows={18} spellCheck />
        </div>
      )}
      <article className="kit-doc" aria-label={title} dangerouslySetInnerHTML={{ __html: bodyHtml }} />
    </>
  );
}
