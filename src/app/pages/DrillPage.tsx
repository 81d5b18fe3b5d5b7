/**
 * The 30-minute failover drill: name the three roles, run the clock, check the SOP's
 * steps, revoke and restore the primary's key (the operator acts; the router records),
 * watch the timeline and the live figures, finish with the scribe's findings and get
 * the report. Polls the router once a second while the drill runs.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { DrillView } from '../../core/drill/types.js';
import { addNote, checkStep, currentDrill, finishDrill, isUnreachable, keyAction, messageOf, providerStates, reportMarkdown, startDrill, type ProviderStates } from './drill-api.js';
import { ProviderKeys } from './drill-keys.js';
import { DrillClock, DrillFiguresPanel, DrillTimeline } from './drill-panels.js';
import { DrillReport } from './drill-report.js';
import { DrillSteps } from './drill-steps.js';
import './drill.css';

const POLL_MS = 1000;
/** Without a drill, a slower poll still notices one started elsewhere (ballast drill). */
const IDLE_POLL_MS = 5000;
export function DrillPage() {
  const [drill, setDrill] = useState<DrillView | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [skew, setSkew] = useState(0);
  const [providers, setProviders] = useState<ProviderStates | null>(null);
  /** False while the router cannot be reached: every action needs it. */
  const [reachable, setReachable] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<{ id: string; markdown: string } | null>(null);
  const [busy, setBusy] = useState(false);
  /** The primary of the last drill, so its key control stays after the finish. */
  const [lastPrimary, setLastPrimary] = useState('primary');

  const show = useCallback((v: DrillView | null) => {
    setDrill(v);
    if (v) setSkew(Date.parse(v.now) - Date.now());
  }, []);

  const poll = useCallback(async () => {
    try {
      const [v, states] = await Promise.all([currentDrill(), providerStates()]);
      show(v);
      setProviders(states);
      setReachable(true);
      setError(null);
    } catch (err) {
      if (isUnreachable(err)) setReachable(false);
      else setError(messageOf(err));
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
      if (isUnreachable(err)) setReachable(false);
      else setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const disabled = busy || !reachable;
  const keyControl = (provider: string, action: 'revoke' | 'restore') =>
    act(async () => {
      await keyAction(provider, action, drill?.roles.operator ?? 'operator');
      setProviders(await providerStates());
      void poll();
    });
  const primary = drill?.primary ?? lastPrimary;

  return (
    <section aria-labelledby="page-h" className="drill-page">
      <h2 id="page-h">Failover drill</h2>
      <p className="muted">
        Don't automate the drill: the point is to test you. The drill lead runs the clock, the operator flips the switch, the scribe captures what happened.
      </p>
      {!reachable && (
        <p className="warn drill-offline" role="alert">
          <strong>The drill needs the router.</strong> {navigator.onLine ? 'It cannot be reached right now.' : 'You are offline.'} Starting, checking steps, revoking and
          restoring are disabled until it answers; this page retries every few seconds.
        </p>
      )}
      {error && (
        <p className="warn" role="alert">
          {error}
        </p>
      )}
      {report && <DrillReport id={report.id} markdown={report.markdown} />}
      {!loaded ? (
        <p className="muted">Loading…</p>
      ) : drill === null ? (
        <>
          <StartForm busy={disabled} onStart={(roles) => act(async () => { setReport(null); show(await startDrill(roles)); })} />
          <section aria-labelledby="drill-keys-h" className="drill-card drill-keys-card">
            <h3 id="drill-keys-h">Provider keys</h3>
            <ProviderKeys providers={reachable ? providers : null} primary={primary} drillRunning={false} disabled={disabled} onAction={keyControl} />
          </section>
        </>
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
            <DrillSteps drill={drill} disabled={disabled} onCheck={(step, override) => act(async () => show(await checkStep(drill.id, step, override)))} />
            <h4>The switch</h4>
            <ProviderKeys providers={reachable ? providers : null} primary={drill.primary} drillRunning disabled={disabled} onAction={keyControl} />
            <NoteForm busy={disabled} scribe={drill.roles.scribe} onNote={(text) => act(async () => show(await addNote(drill.id, text)))} />
            <FinishForm
              unhealthy={drill.unhealthy ?? []}
              busy={disabled}
              onFinish={(findings) =>
                act(async () => {
                  const done = await finishDrill(drill.id, findings);
                  setLastPrimary(done.primary);
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
      <fieldset disabled={busy} className="drill-start-fields">
        {field('lead', 'Drill lead', 'runs the clock')}
        {field('operator', 'Operator', 'flips the switch')}
        {field('scribe', 'Scribe', 'captures what happened')}
        <button type="submit">Start the drill</button>
      </fieldset>
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

function FinishForm({ busy, unhealthy, onFinish }: { busy: boolean; unhealthy: string[]; onFinish: (findings: string) => void }) {
  const [findings, setFindings] = useState('');
  return (
    <form
      className="drill-finish"
      onSubmit={(e) => {
        e.preventDefault();
        onFinish(findings);
      }}
    >
      {unhealthy.length > 0 && (
        <p className="warn small" id="drill-finish-warning">
          Not back to normal: {unhealthy.join('; ')}. Finishing now is flagged in the report; restore first if you can.
        </p>
      )}
      <label htmlFor="drill-findings">Findings (the scribe's, for the report)</label>
      <textarea id="drill-findings" rows={3} value={findings} onChange={(e) => setFindings(e.target.value)} />
      <button type="submit" disabled={busy}>
        Finish the drill
      </button>
    </form>
  );
}
