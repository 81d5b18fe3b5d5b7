import { useEffect, useState, type FormEvent } from 'react';

interface ProviderState {
  kind: string;
  emulated: boolean;
  state: 'healthy' | 'cooling_down' | 'bypassed';
  cooling_down_until: string | null;
  reason: string | null;
}
interface Health {
  status: string;
  bypass: { enabled: boolean };
  providers: Record<string, ProviderState>;
  groups: string[];
}
interface Answer {
  text: string;
  headers: Record<string, string>;
  ms: number;
  error?: string;
}

export function App() {
  const [health, setHealth] = useState<Health | null>(null);
  const [offline, setOffline] = useState(false);
  const [prompt, setPrompt] = useState('Say hello in five words.');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let alive = true;
    const poll = async () => {
      try {
        const res = await fetch('/healthz');
        if (alive) {
          setHealth((await res.json()) as Health);
          setOffline(false);
        }
      } catch {
        if (alive) setOffline(true);
      }
    };
    void poll();
    const timer = setInterval(poll, 2000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const t0 = performance.now();
    try {
      const res = await fetch('/v1/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: health?.groups[0] ?? 'default', messages: [{ role: 'user', content: prompt }] }),
      });
      const body = await res.json();
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => {
        if (k.startsWith('x-ballast-')) headers[k] = v;
      });
      setAnswer({
        text: res.ok ? (body.choices?.[0]?.message?.content ?? '') : '',
        error: res.ok ? undefined : body.error?.message,
        headers,
        ms: Math.round(performance.now() - t0),
      });
    } catch (err) {
      setAnswer({ text: '', error: `Network error: ${(err as Error).message}`, headers: {}, ms: 0 });
    } finally {
      setBusy(false);
    }
  };

  const toggleBypass = async () => {
    const res = await fetch('/admin/bypass', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: !health?.bypass.enabled }),
    });
    if (res.ok) setHealth({ ...(health as Health), ...((await res.json()) as Health) });
  };

  return (
    <main>
      <header>
        <h1>ballast</h1>
        <p className="muted">One endpoint, two providers, failover the client never sees.</p>
      </header>

      <section aria-labelledby="providers-h">
        <h2 id="providers-h">Providers</h2>
        {offline && <p role="status" className="warn">The router is not answering.</p>}
        {health && (
          <>
            <ul className="providers">
              {Object.entries(health.providers).map(([name, p]) => (
                <li key={name} className={`state-${p.state}`}>
                  <strong>{name}</strong> {p.kind}
                  {p.emulated && <span className="badge">emulated</span>}
                  <span className="badge">{p.state.replace('_', ' ')}</span>
                  {p.reason && <div className="muted small">{p.reason}</div>}
                </li>
              ))}
            </ul>
            <p>
              Bypass is <strong>{health.bypass.enabled ? 'ON (primary only, no failover)' : 'off'}</strong>{' '}
              <button type="button" onClick={toggleBypass}>
                {health.bypass.enabled ? 'Turn bypass off' : 'Turn bypass on'}
              </button>
            </p>
          </>
        )}
      </section>

      <section aria-labelledby="try-h">
        <h2 id="try-h">Try a prompt</h2>
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
    </main>
  );
}
