/**
 * The 30-minute failover drill: name the three roles, run the clock, check the SOP's
 * steps, revoke and restore the primary's key (the operator acts; the router records),
 * watch the timeline and the live figures, finish with the scribe's findings and get
 * the report. Polls the router once a second while the drill runs.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { DrillView } from '../../core/drill/types.js';
import { addNote, checkStep, currentDrill, finishDrill, keyAction, messageOf, providerState, reportMarkdown, startDrill } from './drill-api.js';
import { DrillClock, DrillFiguresPanel, DrillTimeline } from './drill-panels.js';
import { DrillReport } from './drill-report.js';
import './drill.css';

const POLL_MS = 1000;
/** Without a drill, a slower poll still notices one started elsewhere (ballast drill). */
const IDLE_POLL_MS = 5000;
const ROLE_LABEL = { lead: 'drill lead', operator: 'operator', scribe: 'scribe' } as const;

export function DrillPage() {
  const [drill, setDrill] = useState<DrillView | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [skew, setSkew] = useState(0);
  const [primary, setPrimary] = useState('unknown');
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<{ id: string; markdown: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const show = useCallback((v: DrillView | null) => {
    setDrill(v);
    if (v) setSkew(Date.parse(v.now) - Date.now());
  }, []);

  const poll = useCallback(async () => {
    try {
      const v = await currentDrill();
      show(v);
      if (v) setPrimary(await providerState(v.primary));
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setLoaded(true);
    }
  }, [show]);

  const running = drill?.status === 'running';
  useEffect(() => {
    void poll();
    const t = setInterval(() => void poll(), running ? POLL_MS : IDLE_POLL_MS);
    return () => clearInterval(t);
  }, [poll, running]);

  /** Runs an action, shows its result, and reports its error in the page. */
  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="page-h" className="drill-page">
      <h2 id="page-h">Failover drill</h2>
      <p className="muted">
        Don't automate the drill: the point is to test you. The drill lead runs the clock, the operator flips the switch, the scribe captures what happened.
      </p>
      {error && (
        <p className="warn" role="alert">
          {error}
        </p>
      )}
      {report && <DrillReport id={report.id} markdown={report.markdown} />}
      {!loaded ? (
        <p className="muted">Loading…</p>
      ) : drill === null ? (
        <StartForm busy={busy} onStart={(roles) => act(async () => { setReport(null); show(await startDrill(roles)); })} />
      ) : (
        <div className="drill-grid">
          <section aria-labelledby="drill-run-h" className="drill-card">
            <h3 id="drill-run-h">
              Drill <code>{drill.id}</code>
            </h3>
            <DrillClock drill={drill} skewMs={skew} />
            <p className="small">
              Drill lead <strong>{drill.roles.lead}</strong> · operator <strong>{drill.roles.operator}</strong> · scribe <strong>{drill.roles.scribe}</strong>
            </p>
            <h4>Checklist</h4>
            <ol className="drill-steps">
              {drill.steps.map((s) => (
                <li key={s.id} className={s.checked_at ? 'done' : s.id === drill.next_step ? 'next' : ''}>
                  <span className="drill-step-label">
                    {s.checked_at ? '✓ ' : ''}
                    {s.label} <span className="muted small">({ROLE_LABEL[s.role]}{s.checked_by ? `: ${s.checked_by}` : ''})</span>
                  </span>
                  {!s.checked_at && (
                    <button type="button" className="secondary" disabled={busy} onClick={() => act(async () => show(await checkStep(drill.id, s.id)))} aria-label={`Check step: ${s.label}`}>
                      Done
                    </button>
                  )}
                </li>
              ))}
            </ol>
            <h4>The switch</h4>
            <p>
              Primary <strong>{drill.primary}</strong>: <span className={`badge state-${primary}`} data-testid="primary-state">{primary}</span>
            </p>
            <div className="drill-actions">
              <button type="button" className="danger" disabled={busy || primary === 'revoked'} onClick={() => act(async () => setPrimary(await keyAction(drill.primary, 'revoke', drill.roles.operator)))}>
                Revoke the primary's key
              </button>
              <button type="button" disabled={busy || primary !== 'revoked'} onClick={() => act(async () => setPrimary(await keyAction(drill.primary, 'restore', drill.roles.operator)))}>
                Restore the primary's key
              </button>
            </div>
            <NoteForm busy={busy} scribe={drill.roles.scribe} onNote={(text) => act(async () => show(await addNote(drill.id, text)))} />
            <FinishForm
              busy={busy}
              onFinish={(findings) =>
                act(async () => {
                  const done = await finishDrill(drill.id, findings);
                  setReport({ id: done.id, markdown: await reportMarkdown(done.id) });
                  show(null);
                })
              }
            />
          </section>
          <div className="drill-side">
            <DrillFiguresPanel drill={drill} />
            <DrillTimeline drill={drill} />
          </div>
        </div>
      )}
    </section>
  );
}

function StartForm({ busy, onStart }: { busy: boolean; onStart: (roles: { lead: string; operator: string; scribe: string }) => void }) {
  const [roles, setRoles] = useState({ lead: '', operator: '', scribe: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onStart(roles);
  };
  const field = (key: keyof typeof roles, label: string, hint: string) => (
    <div className="drill-field">
      <label htmlFor={`drill-${key}`}>{label}</label>
      <input id={`drill-${key}`} required maxLength={80} value={roles[key]} onChange={(e) => setRoles({ ...roles, [key]: e.target.value })} aria-describedby={`drill-${key}-hint`} />
      <span id={`drill-${key}-hint`} className="muted small">
        {hint}
      </span>
    </div>
  );
  return (
    <form onSubmit={submit} className="drill-card drill-start" aria-labelledby="drill-start-h">
      <h3 id="drill-start-h">Start a drill</h3>
      <p className="muted small">Thirty minutes on the clock. One person may play all three roles.</p>
      {field('lead', 'Drill lead', 'runs the clock')}
      {field('operator', 'Operator', 'flips the switch')}
      {field('scribe', 'Scribe', 'captures what happened')}
      <button type="submit" disabled={busy}>
        Start the drill
      </button>
    </form>
  );
}

function NoteForm({ busy, scribe, onNote }: { busy: boolean; scribe: string; onNote: (text: string) => void }) {
  const [text, setText] = useState('');
  return (
    <form
      className="drill-note"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        onNote(text);
        setText('');
      }}
    >
      <label htmlFor="drill-note">Scribe's note ({scribe})</label>
      <textarea id="drill-note" rows={2} value={text} onChange={(e) => setText(e.target.value)} />
      <button type="submit" className="secondary" disabled={busy || !text.trim()}>
        Add note
      </button>
    </form>
  );
}

function FinishForm({ busy, onFinish }: { busy: boolean; onFinish: (findings: string) => void }) {
  const [findings, setFindings] = useState('');
  return (
    <form
      className="drill-finish"
      onSubmit={(e) => {
        e.preventDefault();
        onFinish(findings);
      }}
    >
      <label htmlFor="drill-findings">Findings (the scribe's, for the report)</label>
      <textarea id="drill-findings" rows={3} value={findings} onChange={(e) => setFindings(e.target.value)} />
      <button type="submit" disabled={busy}>
        Finish the drill
      </button>
    </form>
  );
}
