import { useEffect, useState, type FormEvent } from 'react';
import { DEFAULT_SETTINGS, type TravelSettings } from '../travel-protocol.js';
import { travel } from '../travel-client.js';
import { routerOriginOf, syncRouterOrigin } from '../router-origin-sync.js';
import { checkRouter, saveSettings, useAppSettings, type AppSettings } from '../settings.js';
import './settings.css';

/** Empty (this origin) or an http(s) URL without a path beyond "/". */
export function routerUrlProblem(value: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return 'Router URL must be a full URL such as http://127.0.0.1:4100, or empty for this origin.';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'Router URL must start with http:// or https://.';
  if (u.pathname !== '/' || u.search !== '' || u.hash !== '') return 'Router URL is the origin only (no path): the app adds /v1 and /api itself.';
  return null;
}

function ConnectionForm() {
  const saved = useAppSettings();
  const [draft, setDraft] = useState<AppSettings>(saved);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [checking, setChecking] = useState(false);
  /** The URL whose check failed: a second Save keeps it anyway (set up before a trip, say). */
  const [unchecked, setUnchecked] = useState<string | null>(null);
  useEffect(() => setDraft(saved), [saved]);

  const save = () => {
    saveSettings({ routerUrl: draft.routerUrl.trim().replace(/\/+$/, ''), apiKey: draft.apiKey.trim(), adminToken: draft.adminToken.trim() });
    void syncRouterOrigin();
  };

  /** GET /healthz at the URL in the form; true when a ballast router answered. */
  const test = async (): Promise<boolean> => {
    const problem = routerUrlProblem(draft.routerUrl);
    if (problem) {
      setStatus({ ok: false, text: problem });
      return false;
    }
    setChecking(true);
    const check = await checkRouter(draft.routerUrl);
    setChecking(false);
    if (check.ok) {
      setStatus({ ok: true, text: `Connected: a ballast router answered /healthz (${check.providers} providers).` });
      return true;
    }
    setStatus({ ok: false, text: check.message });
    return false;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (routerUrlProblem(draft.routerUrl)) {
      await test();
      return;
    }
    const url = draft.routerUrl.trim();
    if (unchecked === url) {
      save();
      setUnchecked(null);
      setStatus({ ok: true, text: 'Saved in this browser, without a working connection to that router.' });
      return;
    }
    if (!(await test())) {
      setUnchecked(url);
      setStatus((s) => ({ ok: false, text: `${s?.text ?? ''} Not saved: Save again to keep it anyway.` }));
      return;
    }
    save();
    setUnchecked(null);
    setStatus({ ok: true, text: 'Saved in this browser.' });
  };
  const otherOrigin = routerOriginOf(saved.routerUrl);

  return (
    <form onSubmit={(e) => void submit(e)} className="settings-form" aria-labelledby="conn-h">
      <h3 id="conn-h">Router and keys</h3>
      <p className="muted small" id="keys-note">
        Kept in this browser only (localStorage), and sent only to the router, as <code>Authorization: Bearer</code>. Clear them here
        on a shared computer.
      </p>
      <label htmlFor="router-url">Router URL</label>
      <input id="router-url" type="url" value={draft.routerUrl} placeholder={`empty: this origin (${location.origin})`} onChange={(e) => setDraft({ ...draft, routerUrl: e.target.value })} aria-describedby="router-url-note" spellCheck={false} />
      <p id="router-url-note" className="muted small">
        Empty means the router that served this app. A router on another origin must allow this one: add <code>{location.origin}</code> to its{' '}
        <code>server.cors_origins</code>. The travel cache then stands in front of that router instead (one router at a time).
      </p>
      <label htmlFor="api-key">Ballast key</label>
      <input id="api-key" type="password" autoComplete="off" value={draft.apiKey} onChange={(e) => setDraft({ ...draft, apiKey: e.target.value })} aria-describedby="keys-note" />
      <label htmlFor="admin-token">Admin token</label>
      <input id="admin-token" type="password" autoComplete="off" value={draft.adminToken} onChange={(e) => setDraft({ ...draft, adminToken: e.target.value })} aria-describedby="keys-note admin-note" />
      <p id="admin-note" className="muted small">
        For the health panel, the drill and the request ledger (/api, /admin). Not needed on a loopback router without BALLAST_ADMIN_TOKEN.
      </p>
      <div className="settings-actions">
        <button type="submit" disabled={checking}>
          Save
        </button>
        <button type="button" className="secondary" disabled={checking} onClick={() => void test()}>
          {checking ? 'Testing…' : 'Test connection'}
        </button>
        {status && (
          <span role="status" className={status.ok ? 'ok' : 'warn'}>
            {status.text}
          </span>
        )}
      </div>
      {otherOrigin && (
        <p className="muted small" role="note">
          Using the router at {otherOrigin}, not the one that served this app. If prompts fail with a network error, check that it lists{' '}
          {location.origin} in server.cors_origins.
        </p>
      )}
    </form>
  );
}

function TravelForm() {
  const [current, setCurrent] = useState<TravelSettings | null>(null);
  const [timeout, setTimeoutText] = useState(String(DEFAULT_SETTINGS.networkTimeoutMs));
  const [cacheFirst, setCacheFirst] = useState(DEFAULT_SETTINGS.cacheFirstForRepeats);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    let gone = false;
    travel
      .getSettings()
      .then((s) => {
        if (gone) return;
        setCurrent(s);
        setTimeoutText(String(s.networkTimeoutMs));
        setCacheFirst(s.cacheFirstForRepeats);
      })
      .catch((err: Error) => !gone && setStatus({ ok: false, text: `The service worker did not answer: ${err.message}` }));
    return () => {
      gone = true;
    };
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus(null);
    const ms = timeout.trim() === '' ? NaN : Number(timeout);
    try {
      // the worker validates (sw/settings.ts) and says what is wrong
      const next = await travel.setSettings({ networkTimeoutMs: ms, cacheFirstForRepeats: cacheFirst });
      setCurrent(next);
      setTimeoutText(String(next.networkTimeoutMs));
      setStatus({ ok: true, text: 'Saved in the service worker.' });
    } catch (err) {
      setStatus({ ok: false, text: (err as Error).message });
    }
  };

  return (
    <form onSubmit={submit} className="settings-form" aria-labelledby="travel-h">
      <h3 id="travel-h">Travel cache</h3>
      <p className="muted small">
        These live in the service worker (IndexedDB on this device) and apply to every prompt the app sends, online or not.
      </p>
      <div className="check">
        <input id="cache-first" type="checkbox" checked={cacheFirst} onChange={(e) => setCacheFirst(e.target.checked)} aria-describedby="cache-first-note" />
        <label htmlFor="cache-first">Answer repeated prompts from this device first</label>
      </div>
      <p id="cache-first-note" className="muted small">
        Cache first for repeats: a prompt this device has already seen answered is served from the travel cache without asking the router
        (free and instant). Off: the router is always asked first and the cache answers only when it fails. The console's cache option
        “refresh” always asks the router.
      </p>
      <label htmlFor="net-timeout">Network timeout (ms)</label>
      <input id="net-timeout" type="number" inputMode="numeric" step={100} value={timeout} onChange={(e) => setTimeoutText(e.target.value)} aria-describedby="net-timeout-note" />
      <p id="net-timeout-note" className="muted small">
        How long to wait for the router before answering from the cache (100 to 120000). Default {DEFAULT_SETTINGS.networkTimeoutMs}.
      </p>
      <div className="settings-actions">
        <button type="submit" disabled={current === null}>
          Save travel settings
        </button>
        {status && (
          <span role={status.ok ? 'status' : 'alert'} className={status.ok ? 'ok' : 'warn'}>
            {status.text}
          </span>
        )}
      </div>
    </form>
  );
}

/** Settings: where the router is, the keys (this browser only), and the travel cache's policy. */
export function SettingsPage() {
  return (
    <section aria-labelledby="page-h" className="settings">
      <h2 id="page-h">Settings</h2>
      <ConnectionForm />
      <TravelForm />
    </section>
  );
}
