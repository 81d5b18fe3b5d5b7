import { usd } from '../format.js';
import { age } from './age.js';
import { badgesOf, travelWhyText } from './answer-meta.js';
import { FAILURE_LABEL } from './connection.js';
import { copyText } from './copy-text.js';
import { Markdown } from './Markdown.js';
import type { Turn } from './thread-types.js';
import { WaitingNote } from './WaitingNote.js';

const ms = (v: number | null) => (v === null ? '—' : `${v} ms`);

export interface TurnActions {
  onRetry(): void;
  onCancelQueued(): void;
  onStop(): void;
  /** Only on the thread's last turn. */
  onRegenerate?: () => void;
  onEdit?: () => void;
}

/** Where the answer came from, in a sentence: a provider, or this device and why. */
function SourceLine({ turn: t }: { turn: Turn }) {
  const m = t.meta;
  if (!m || t.error || t.pending) return null;
  const who = [m.provider, m.model && `(${m.model})`].filter(Boolean).join(' ');
  if (m.travel === null) return <p className="source muted small" data-source="provider">Answered by {who || 'the router'}{m.routerCache === 'hit' ? ", from the router's cache" : ''}.</p>;
  const saved = m.travelAgeS !== null ? `saved ${age(m.travelAgeS)} ago` : 'saved earlier';
  const why = m.travel === 'repeat' ? 'You asked to answer repeats from this device first.' : travelWhyText(m);
  return (
    <p className="source small" data-source="device">
      <strong>From this device</strong>: {saved}, first answered by {who || 'a provider'}
      {m.travelRouter ? ` through the router at ${m.travelRouter}` : ''}. {why}
    </p>
  );
}

/** One turn of a thread: the prompt, the answer (markdown) as it streams in, its fields, badges and actions. */
export function AnswerCard({ turn: a, n, actions, networkTimeoutMs }: { turn: Turn; n: number; actions: TurnActions; networkTimeoutMs: number | null }) {
  const m = a.meta;
  const ok = a.status !== null && a.status >= 200 && a.status < 300;
  const badges = m && ok ? badgesOf(m) : [];
  const o = a.options;
  const tags = [o.group, o.feature && `feature ${o.feature}`, o.promptVersion && `version ${o.promptVersion}`, o.stream ? 'streamed' : 'not streamed', o.cache !== 'default' && `cache ${o.cache}`].filter(Boolean);
  const failed = a.error !== null && !a.pending;
  return (
    <article className="answer-card" aria-label={`Turn ${n}`} aria-busy={a.pending} data-turn-id={a.id} data-state={a.queued ? 'queued' : a.pending ? 'pending' : failed ? 'failed' : 'done'}>
      <header>
        <p className="answer-prompt">{a.prompt}</p>
        <p className="muted small">
          {new Date(a.sentAt).toLocaleTimeString()} · {tags.join(' · ')}
        </p>
      </header>
      {badges.length > 0 && (
        <ul className="badges" aria-label="Badges">
          {badges.map((b) => (
            <li key={b.kind} className={`badge badge-${b.kind}`} title={b.title} data-badge={b.kind}>
              {b.label}
            </li>
          ))}
        </ul>
      )}
      <SourceLine turn={a} />
      {a.queued && a.error && (
        <div className="answer-queued" role="alert" data-failure={a.error.failure ?? undefined}>
          <strong>Queued ({a.error.failure ? FAILURE_LABEL[a.error.failure].toLowerCase() : 'not sent'})</strong>: {a.error.message} It is sent when the router answers again.{' '}
          <button type="button" className="secondary" onClick={actions.onCancelQueued}>
            Cancel
          </button>
        </div>
      )}
      {!a.queued && a.error && !a.pending && (
        <div className="answer-error" role="alert" data-failure={a.error.failure ?? undefined}>
          <strong>{a.error.failure ? FAILURE_LABEL[a.error.failure] : a.error.status !== null ? `Error ${a.error.status}` : 'Error'}</strong> ({a.error.code}): {a.error.message}{' '}
          <button type="button" className="secondary" onClick={actions.onRetry}>
            Retry
          </button>
        </div>
      )}
      {a.pending && a.status === null && <WaitingNote since={a.sentAt} networkTimeoutMs={networkTimeoutMs} />}
      {a.text !== '' && <Markdown text={a.text} complete={!a.pending} />}
      <div className="turn-actions">
        {a.pending && (
          <button type="button" className="secondary" onClick={actions.onStop}>
            Stop
          </button>
        )}
        {!a.pending && a.text !== '' && (
          <button type="button" className="secondary" onClick={(e) => void copyText(a.text, e.currentTarget)}>
            Copy answer
          </button>
        )}
        {!a.pending && actions.onEdit && (
          <button type="button" className="secondary" onClick={actions.onEdit}>
            Edit prompt
          </button>
        )}
        {!a.pending && !a.queued && actions.onRegenerate && (
          <button type="button" className="secondary" onClick={actions.onRegenerate}>
            Regenerate
          </button>
        )}
      </div>
      <dl className="answer-meta">
        <div>
          <dt>Provider</dt>
          <dd data-field="provider">{m?.provider ?? '—'}</dd>
        </div>
        <div>
          <dt>Model</dt>
          <dd data-field="model">{m?.model ?? '—'}</dd>
        </div>
        <div>
          <dt>Latency</dt>
          <dd data-field="latency">{ms(a.latencyMs)}</dd>
        </div>
        <div>
          <dt>First token</dt>
          <dd data-field="ttft">{ms(a.ttftMs)}</dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd data-field="cost">{m?.costUsd != null ? usd(m.costUsd) : a.pending ? '…' : '—'}</dd>
        </div>
        <div>
          <dt>Attempts</dt>
          <dd data-field="attempts">{m?.attempts ?? '—'}</dd>
        </div>
        <div className="wide">
          <dt>Request id</dt>
          <dd data-field="request-id">{m?.requestId ?? (m?.travel ? 'none (answered by this device)' : '—')}</dd>
        </div>
      </dl>
    </article>
  );
}
