import { usd } from '../format.js';
import { badgesOf } from './answer-meta.js';
import type { ConsoleAnswer } from './send-prompt.js';

const ms = (v: number | null) => (v === null ? '—' : `${v} ms`);

/** One answer of the session: the text as it streams in, its fields and badges. */
export function AnswerCard({ answer: a }: { answer: ConsoleAnswer }) {
  const m = a.meta;
  const ok = a.status !== null && a.status >= 200 && a.status < 300;
  const badges = m && ok ? badgesOf(m) : [];
  const tags = [a.input.group, a.input.feature && `feature ${a.input.feature}`, a.input.promptVersion && `version ${a.input.promptVersion}`, a.input.stream ? 'streamed' : 'not streamed', a.input.cache !== 'default' && `cache ${a.input.cache}`].filter(Boolean);
  return (
    <article className="answer-card" aria-label={`Answer ${a.id}`} aria-busy={a.pending} data-answer-id={a.id}>
      <header>
        <p className="answer-prompt">{a.input.prompt}</p>
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
      {a.error && (
        <p className="answer-error" role="alert">
          <strong>{a.error.status !== null ? `Error ${a.error.status}` : 'Error'}</strong> ({a.error.code}): {a.error.message}
        </p>
      )}
      {(a.text !== '' || a.pending) && <div className="answer-text">{a.text || (a.pending ? 'Waiting for the first token…' : '')}</div>}
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
