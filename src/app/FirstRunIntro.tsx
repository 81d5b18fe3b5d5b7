/**
 * A short, dismissible first-run intro (issue #19): what ballast is, whether the
 * providers behind this router are emulated or real, and where the docs are. Dismissed
 * once per browser (localStorage `ballast:intro-dismissed`).
 */
import { useEffect, useState } from 'react';
import { getJson } from './api.js';

const KEY = 'ballast:intro-dismissed';

type Providers = Record<string, { kind: string; emulated: boolean }>;

function dismissed(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function FirstRunIntro() {
  const [open, setOpen] = useState(() => !dismissed());
  const [providers, setProviders] = useState<Providers | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    getJson<{ providers: Providers }>('/healthz').then(
      ({ data }) => live && setProviders(data.providers),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [open]);
  if (!open) return null;
  const names = providers ? Object.keys(providers) : [];
  const emulated = names.filter((n) => providers?.[n]?.emulated);
  const close = () => {
    localStorage.setItem(KEY, '1');
    setOpen(false);
  };
  return (
    <section className="intro" aria-labelledby="intro-h">
      <h2 id="intro-h">Welcome to ballast</h2>
      <p>
        ballast is an LLM router: one OpenAI-compatible endpoint (<code>/v1</code>) in front of two providers, with retries, failover, budget guardrails and
        client-facing SLOs. This app sends prompts (Console), answers repeated prompts offline (Travel cache), shows whether the SLOs hold (Health), runs the
        failover drill (Drill) and prints the SLO kit for clients (Kit).
      </p>
      <p data-testid="intro-providers">
        {providers === null
          ? 'Whether the providers are emulated or real shows once the router answers.'
          : emulated.length === names.length
            ? 'The providers are emulated: answers come from ballast\u2019s built-in emulator, not from real models. Set OPENAI_API_KEY and ANTHROPIC_API_KEY (or write a ballast.yaml) and restart to route to real providers.'
            : emulated.length > 0
              ? `${emulated.join(', ')} ${emulated.length === 1 ? 'is' : 'are'} emulated; ${names.filter((n) => !emulated.includes(n)).join(', ')} real.`
              : `The providers are real: ${names.map((n) => `${n} (${providers[n]?.kind})`).join(', ')}.`}
      </p>
      <p className="small">
        Docs ship with ballast: <code>README.md</code> to start, <code>docs/pwa.md</code> for this app, <code>docs/drill.md</code>, <code>docs/kit.md</code>,{' '}
        <code>docs/configuration.md</code>.
      </p>
      <button type="button" onClick={close}>
        Got it, hide this
      </button>
    </section>
  );
}
