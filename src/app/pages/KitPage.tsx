/**
 * The SLO kit: the six documents filled from the live config and the measured figures,
 * one shown as it will print, editable, with Print and downloads (.md, .html).
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { fetchKitDocument, fetchKitIndex, type KitDocumentFiles, type KitIndex } from './kit-api.js';
import { KitDocument } from './kit-document.js';
import './kit.css';

function subscribeHash(l: () => void): () => void {
  window.addEventListener('hashchange', l);
  return () => window.removeEventListener('hashchange', l);
}

/** The document named in the hash: #/kit/<id>. */
function useSelectedId(): string | null {
  return useSyncExternalStore(subscribeHash, () => window.location.hash.replace(/^#\/?/, '').split('/')[1] ?? null);
}

export function KitPage() {
  const [index, setIndex] = useState<KitIndex | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [files, setFiles] = useState<{ id: string; files: KitDocumentFiles } | null>(null);
  const [docError, setDocError] = useState<string | null>(null);
  const wanted = useSelectedId();

  useEffect(() => {
    fetchKitIndex().then(setIndex, (err: Error) => setError(err.message));
  }, []);

  const current = index?.documents.find((d) => d.id === wanted) ?? index?.documents[0];

  useEffect(() => {
    if (!current) return;
    let live = true;
    setDocError(null);
    fetchKitDocument(current).then(
      (f) => live && setFiles({ id: current.id, files: f }),
      (err: Error) => live && setDocError(err.message),
    );
    return () => {
      live = false;
    };
  }, [current]);

  const shown = files && files.id === current?.id ? files.files : undefined;

  return (
    <section aria-labelledby="page-h" className="kit-page">
      <h2 id="page-h">SLO kit</h2>
      {error && (
        <p role="alert" className="warn">
          Could not load the kit: {error} {/admin/i.test(error) ? 'Set the admin token on the Settings page.' : ''}
        </p>
      )}
      {index && (
        <>
          <p className="muted small kit-screen-only">
            Figures as of {new Date(index.generated_at).toLocaleString()}, over {index.figures.period?.words ?? `rolling ${index.figures.window}`}, {index.figures.eligible} eligible requests. {index.disclaimer}
          </p>
          <ul className="kit-figures kit-screen-only" aria-label="Measured figures">
            {index.figures.rolling.map((f) => (
              <li key={f.sli} className={`kit-verdict-${f.verdict.replaceAll(' ', '-')}`}>
                <span className="kit-sli">{f.sli}</span> <strong className="kit-value">{f.value}</strong> <span className="kit-verdict">{f.verdictNote ?? f.verdict}</span>
                <span className="muted small"> target {f.target}; {f.window}, over {f.basis}</span>
              </li>
            ))}
          </ul>
          <div className="kit-layout">
            <nav aria-label="Kit documents" className="kit-screen-only">
              <ol className="kit-docs">
                {index.documents.map((d) => (
                  <li key={d.id}>
                    <a href={`#/kit/${d.id}`} aria-current={d.id === current?.id ? 'page' : undefined}>
                      {d.title}
                    </a>
                    <span className="muted small">{d.summary}</span>
                  </li>
                ))}
              </ol>
            </nav>
            <div className="kit-view">
              {docError && (
                <p role="alert" className="warn">
                  Could not load this document: {docError}
                </p>
              )}
              {shown && current ? (
                <KitDocument id={current.id} title={current.title} files={shown} />
              ) : (
                !docError && <p className="muted">Loading…</p>
              )}
            </div>
          </div>
        </>
      )}
      {!index && !error && <p className="muted">Loading the kit…</p>}
    </section>
  );
}
