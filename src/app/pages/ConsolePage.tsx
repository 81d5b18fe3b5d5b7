import { useState, type FormEvent } from 'react';
import { routerFetch } from '../api.js';

interface Answer {
  text: string;
  headers: Record<string, string>;
  ms: number;
  error?: string;
}

/** Placeholder console: one non-streamed prompt. The full console is built in its own change. */
export function ConsolePage() {
  const [prompt, setPrompt] = useState('Say hello in five words.');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const t0 = performance.now();
    try {
      const res = await routerFetch('/v1/chat/completions', {
        method: 'POST',
        body: JSON.stringify({ model: 'default', messages: [{ role: 'user', content: prompt }] }),
      });
      const body = await res.json();
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => {
        if (k.startsWith('x-ballast-')) headers[k] = v;
      });
      setAnswer({ text: res.ok ? (body.choices?.[0]?.message?.content ?? '') : '', error: res.ok ? undefined : body.error?.message, headers, ms: Math.round(performance.now() - t0) });
    } catch (err) {
      setAnswer({ text: '', error: `Network error: ${(err as Error).message}`, headers: {}, ms: 0 });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="page-h">
      <h2 id="page-h">Console</h2>
      <form onSubmit={send}>
        <label htmlFor="prompt">Prompt</label>
        <textarea id="prompt" value={prompt} onChange={(e) => setPrompt(e.target.value)} rows={3} />
        <button type="submit" disabled={busy}>
          {busy ? 'Sending…' : 'Send'}
        </button>
      </form>
      {answer && (
        <div className="answer" aria-live="polite">
          {answer.error ? <p className="warn">{answer.error}</p> : <p>{answer.text}</p>}
          <p className="muted small">
            {answer.ms} ms · {Object.entries(answer.headers).map(([k, v]) => `${k.replace('x-ballast-', '')}: ${v}`).join(' · ')}
          </p>
        </div>
      )}
    </section>
  );
}
