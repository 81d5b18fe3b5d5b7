import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { getJson } from '../api.js';
import { syncRouterOrigin } from '../router-origin-sync.js';
import { loadGroups, loadPrefs, saveGroups, savePrefs, type ConsolePrefs } from '../console/console-prefs.js';
import { sendPrompt, type CacheOption, type ConsoleAnswer } from '../console/send-prompt.js';
import { clearAnswers, newAnswerId, putAnswer, useSessionAnswers } from '../console/session-answers.js';
import { AnswerCard } from '../console/AnswerCard.js';
import './console.css';

interface ModelList {
  data: Array<{ id: string }>;
}

/** The router's model groups, with the last list seen as the fallback offline. */
function useModelGroups(): { groups: string[]; live: boolean } {
  const [state, setState] = useState(() => ({ groups: loadGroups(), live: false }));
  useEffect(() => {
    let gone = false;
    // the worker caches for the router in Settings (a cleared worker database forgets it)
    void syncRouterOrigin();
    getJson<ModelList>('/v1/models')
      .then(({ data }) => {
        const groups = data.data.map((m) => m.id);
        saveGroups(groups);
        if (!gone) setState({ groups, live: true });
      })
      .catch(() => undefined);
    return () => {
      gone = true;
    };
  }, []);
  return state;
}

/**
 * The console: one prompt at a time through the router (and the travel cache in
 * front of it), each answer with who served it, how fast, what it cost, and why.
 */
export function ConsolePage() {
  const [prompt, setPrompt] = useState('');
  const [prefs, setPrefs] = useState<ConsolePrefs>(loadPrefs);
  const [pending, setPending] = useState<AbortController | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const { groups, live } = useModelGroups();
  const answers = useSessionAnswers();
  const formRef = useRef<HTMLFormElement>(null);

  const options = groups.includes(prefs.group) ? groups : [prefs.group, ...groups];
  const change = (patch: Partial<ConsolePrefs>) => {
    const next = { ...prefs, ...patch };
    setPrefs(next);
    savePrefs(next);
  };

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (pending) return;
    if (prompt.trim() === '') {
      setHint('Write a prompt first.');
      return;
    }
    setHint(null);
    const controller = new AbortController();
    setPending(controller);
    const answer: ConsoleAnswer = {
      id: newAnswerId(),
      input: { ...prefs, prompt },
      sentAt: Date.now(),
      text: '',
      pending: true,
      meta: null,
      status: null,
      latencyMs: null,
      ttftMs: null,
      error: null,
    };
    putAnswer(answer);
    await sendPrompt(answer, putAnswer, controller.signal);
    setPending(null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      formRef.current?.requestSubmit();
    }
  };

  return (
    <section aria-labelledby="page-h" className="console">
      <h2 id="page-h">Console</h2>
      <form ref={formRef} onSubmit={send} onKeyDown={onKeyDown} className="console-form" aria-label="Send a prompt">
        <label htmlFor="prompt">Prompt</label>
        <textarea id="prompt" value={prompt} onChange={(e) => setPrompt(e.target.value)} rows={4} aria-describedby="prompt-hint" placeholder="Ask something…" />
        <p id="prompt-hint" className="muted small">
          Ctrl+Enter (⌘+Enter on a Mac) sends.
        </p>
        <div className="console-options">
          <div className="field">
            <label htmlFor="group">Model group</label>
            <select id="group" value={prefs.group} onChange={(e) => change({ group: e.target.value })} aria-describedby="group-note">
              {options.map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </select>
            {!live && (
              <span id="group-note" className="muted small">
                {groups.length > 0 ? 'last known list (router not reached)' : 'router not reached yet'}
              </span>
            )}
          </div>
          <div className="field">
            <label htmlFor="feature">Feature tag</label>
            <input id="feature" value={prefs.feature} onChange={(e) => change({ feature: e.target.value })} placeholder="e.g. support-bot" spellCheck={false} />
          </div>
          <div className="field">
            <label htmlFor="prompt-version">Prompt version</label>
            <input id="prompt-version" value={prefs.promptVersion} onChange={(e) => change({ promptVersion: e.target.value })} placeholder="e.g. v3" spellCheck={false} />
          </div>
          <div className="field">
            <label htmlFor="cache">Cache</label>
            <select id="cache" value={prefs.cache} onChange={(e) => change({ cache: e.target.value as CacheOption })}>
              <option value="default">default</option>
              <option value="no-store">no-store (do not keep this answer)</option>
              <option value="refresh">refresh (ask the provider again)</option>
            </select>
          </div>
          <div className="field field-check">
            <input id="stream" type="checkbox" checked={prefs.stream} onChange={(e) => change({ stream: e.target.checked })} />
            <label htmlFor="stream">Stream the answer</label>
          </div>
        </div>
        <label htmlFor="system">System prompt (optional)</label>
        <textarea id="system" value={prefs.system} onChange={(e) => change({ system: e.target.value })} rows={2} />
        <div className="console-actions">
          <button type="submit" disabled={pending !== null}>
            {pending ? 'Sending…' : 'Send'}
          </button>
          {pending && (
            <button type="button" className="secondary" onClick={() => pending.abort()}>
              Stop
            </button>
          )}
          {hint && (
            <span className="warn" role="alert">
              {hint}
            </span>
          )}
        </div>
      </form>

      <div className="answers-head">
        <h3 id="answers-h">This session's answers</h3>
        {answers.length > 0 && (
          <button type="button" className="secondary" onClick={clearAnswers}>
            Clear list
          </button>
        )}
      </div>
      {answers.length === 0 ? (
        <p className="muted">No answers yet. They appear here newest first, with who served them and what they cost.</p>
      ) : (
        <ol className="answers" aria-labelledby="answers-h">
          {answers.map((a) => (
            <li key={a.id}>
              <AnswerCard answer={a} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
