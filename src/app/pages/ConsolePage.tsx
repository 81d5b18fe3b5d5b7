import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { getJson } from '../api.js';
import { syncRouterOrigin } from '../router-origin-sync.js';
import { travel } from '../travel-client.js';
import { downloadText } from '../travel/download-json.js';
import { AnswerCard } from '../console/AnswerCard.js';
import { age } from '../console/age.js';
import { FAILURE_LABEL, failureMessage, useConnection } from '../console/connection.js';
import { loadGroups, loadPrefs, saveGroups, savePrefs, type ConsolePrefs } from '../console/console-prefs.js';
import { suggestPrompts } from '../console/prompt-suggest.js';
import { watchQueue } from '../console/send-queue.js';
import { exportFileName, threadsToJson, threadToMarkdown } from '../console/thread-export.js';
import type { CacheOption, Thread, Turn } from '../console/thread-types.js';
import { ThreadSidebar } from '../console/ThreadSidebar.js';
import { cancelQueued, editLast, queuedTurns, regenerateLast, retryTurn, sendNew, stopTurn } from '../console/turn-actions.js';
import { currentThread, loadThreads, setThreadSystem, useThreads } from '../console/threads-store.js';
import { useSavedPrompts } from '../console/use-saved-prompts.js';
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

/** The worker's network timeout, which a waiting card counts down from. */
function useNetworkTimeout(): number | null {
  const [ms, setMs] = useState<number | null>(null);
  useEffect(() => {
    travel
      .getSettings()
      .then((s) => setMs(s.networkTimeoutMs))
      .catch(() => undefined);
  }, []);
  return ms;
}

/** The banner above the thread: what the connection is doing and what waits in the queue. */
function ConnectionBanner({ queued }: { queued: number }) {
  const s = useConnection();
  if ((s === 'reachable' || s === 'unknown') && queued === 0) return null;
  const failure = s === 'no-internet' || s === 'router-unreachable' ? s : null;
  return (
    <p className="connection-banner" role="status" data-connection={s}>
      {s === 'slow' && <><strong>Slow link</strong>: the router sent nothing within the worker's network timeout; saved answers are served meanwhile. </>}
      {failure && (
        <>
          <strong>{FAILURE_LABEL[failure]}</strong>: {failureMessage(failure)} Prompts this device has answered before are answered from it.{' '}
        </>
      )}
      {queued > 0 && `${queued} ${queued === 1 ? 'prompt waits' : 'prompts wait'} in the queue, sent when the router answers.`}
    </p>
  );
}

/** Brings the newest answer's text (not its whole card) into view, when it is not already. */
function showNewest(): void {
  requestAnimationFrame(() => {
    const card = document.querySelector('.answers > li:last-child article');
    (card?.querySelector('.answer-text') ?? card?.querySelector('header'))?.scrollIntoView({ block: 'nearest' });
  });
}

/**
 * The console: conversations with the router (and the travel cache in front of it),
 * each answer with who served it, how fast, what it cost, and why.
 */
export function ConsolePage() {
  const [prompt, setPrompt] = useState('');
  const [prefs, setPrefs] = useState<ConsolePrefs>(loadPrefs);
  const [hint, setHint] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [announce, setAnnounce] = useState('');
  const [answered, setAnswered] = useState(0);
  const { groups, live } = useModelGroups();
  const { threads, currentId, loaded } = useThreads();
  const thread: Thread | null = threads.find((t) => t.id === currentId) ?? null;
  const networkTimeoutMs = useNetworkTimeout();
  const saved = useSavedPrompts(answered);
  const formRef = useRef<HTMLFormElement>(null);
  const promptRef = useRef<HTMLTextAreaElement>(null);
  const last = thread?.turns.at(-1);
  const busy = last?.pending === true;
  const queued = queuedTurns().length;

  useEffect(() => {
    void loadThreads().then(watchQueue);
  }, []);

  const suggestions = useMemo(() => (thread === null || thread.turns.length === 0 ? suggestPrompts(saved, prompt) : []), [saved, prompt, thread]);

  const options = groups.includes(prefs.group) ? groups : [prefs.group, ...groups];
  const change = (patch: Partial<ConsolePrefs>) => {
    const next = { ...prefs, ...patch };
    setPrefs(next);
    savePrefs(next);
    if ('system' in patch && thread) setThreadSystem(thread.id, next.system);
  };
  const turnOptions = () => ({ group: prefs.group, feature: prefs.feature, promptVersion: prefs.promptVersion, stream: prefs.stream, cache: prefs.cache });

  const finished = (t: Turn) => {
    setAnswered((n) => n + 1);
    if (t.queued) setAnnounce('Not sent: the prompt waits in the queue.');
    else if (t.error) setAnnounce(`The answer failed: ${t.error.message}`);
    else setAnnounce(`Answer finished${t.meta?.travel ? ', from this device' : t.meta?.provider ? ` by ${t.meta.provider}` : ''}: ${t.text.length} characters.`);
    watchQueue();
    showNewest();
  };

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (prompt.trim() === '') {
      setHint('Write a prompt first.');
      return;
    }
    setHint(null);
    const text = prompt;
    setPrompt('');
    setAnnounce('');
    showNewest();
    const done = editing && thread ? await editLast(thread.id, text, turnOptions()) : await sendNew(text, turnOptions(), prefs.system);
    setEditing(false);
    if (done) finished(done);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      formRef.current?.requestSubmit();
    }
  };

  const exportAs = (kind: 'md' | 'json') => {
    const t = currentThread();
    if (!t) return;
    downloadText(kind === 'md' ? threadToMarkdown(t) : threadsToJson([t]), exportFileName(t, kind), kind === 'md' ? 'text/markdown' : 'application/json');
  };

  return (
    <section aria-labelledby="page-h" className="console">
      <h2 id="page-h">Console</h2>
      <ConnectionBanner queued={queued} />
      <div className="console-layout">
        <ThreadSidebar threads={threads} currentId={currentId} system={prefs.system} />
        <div className="console-main">
          {thread && thread.turns.length > 0 && (
            <div className="thread-head">
              <h3 id="answers-h">{thread.title}</h3>
              <button type="button" className="secondary" onClick={() => exportAs('md')}>
                Export Markdown
              </button>
              <button type="button" className="secondary" onClick={() => exportAs('json')}>
                Export JSON
              </button>
            </div>
          )}
          {!loaded ? (
            <p className="muted">Loading conversations…</p>
          ) : !thread || thread.turns.length === 0 ? (
            <p className="muted empty-thread">A new conversation. Each answer shows who served it (a provider or this device), how fast, and what it cost; follow-ups carry the whole conversation.</p>
          ) : (
            <ol className="answers" aria-labelledby="answers-h">
              {thread.turns.map((t, i) => {
                const isLast = i === thread.turns.length - 1;
                return (
                  <li key={t.id}>
                    <AnswerCard
                      turn={t}
                      n={i + 1}
                      networkTimeoutMs={networkTimeoutMs}
                      actions={{
                        onRetry: () => void retryTurn(thread.id, t.id).then((d) => d && finished(d)),
                        onCancelQueued: () => cancelQueued(thread.id, t.id),
                        onStop: () => stopTurn(t.id),
                        ...(isLast
                          ? {
                              onRegenerate: () => void regenerateLast(thread.id).then((d) => d && finished(d)),
                              onEdit: () => {
                                setPrompt(t.prompt);
                                setEditing(true);
                                promptRef.current?.focus();
                              },
                            }
                          : {}),
                      }}
                    />
                  </li>
                );
              })}
            </ol>
          )}
          <form ref={formRef} onSubmit={send} onKeyDown={onKeyDown} className="console-form" aria-label="Send a prompt">
            <label htmlFor="prompt">Prompt</label>
            <textarea
              ref={promptRef}
              id="prompt"
              value={prompt}
              onChange={(e) => setPrompt(e.target.value)}
              rows={3}
              aria-describedby="prompt-hint"
              placeholder={editing ? 'Edit the last prompt, then Resend' : thread && thread.turns.length > 0 ? 'Ask a follow-up…' : 'Ask something…'}
            />
            {suggestions.length > 0 && (
              <ul className="suggestions" aria-label="Saved prompts on this device">
                {suggestions.map((s) => (
                  <li key={s.key}>
                    <button type="button" className="suggestion" onClick={() => setPrompt(s.prompt)} data-exact={s.exact}>
                      <span>{s.prompt}</span>
                      <span className="small muted">
                        saved {age((Date.now() - s.createdAt) / 1000)} ago{s.provider ? ` · ${s.provider}` : ''}
                        {s.exact ? ' · answered offline' : ''}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
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
              <div className="field field-check">
                <input id="stream" type="checkbox" checked={prefs.stream} onChange={(e) => change({ stream: e.target.checked })} />
                <label htmlFor="stream">Stream the answer</label>
              </div>
              <div className="console-actions">
                <button type="submit" disabled={busy}>
                  {busy ? 'Sending…' : editing ? 'Resend' : 'Send'}
                </button>
                {editing && (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => {
                      setEditing(false);
                      setPrompt('');
                    }}
                  >
                    Cancel edit
                  </button>
                )}
              </div>
            </div>
            <p id="prompt-hint" className="muted small">
              Ctrl+Enter (⌘+Enter on a Mac) sends.
              {hint && (
                <span className="warn" role="alert">
                  {' '}
                  {hint}
                </span>
              )}
            </p>
            <details className="advanced">
              <summary>Advanced</summary>
              <div className="console-options">
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
              </div>
              <label htmlFor="system">System prompt (optional; kept with the conversation)</label>
              <textarea id="system" value={thread?.system ?? prefs.system} onChange={(e) => change({ system: e.target.value })} rows={2} />
            </details>
          </form>
          <div className="visually-hidden" aria-live="polite" data-testid="announcer">
            {announce}
          </div>
        </div>
      </div>
    </section>
  );
}
