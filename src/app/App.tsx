import { lazy, Suspense } from 'react';
import { ConnectionPill } from './console/ConnectionPill.js';
import { FirstRunIntro } from './FirstRunIntro.js';
import { FreezeBanner } from './FreezeBanner.js';
import { ConsolePage } from './pages/ConsolePage.js';
import { PAGES, usePage, type PageId } from './routes.js';

// The console is the first page and ships in the entry chunk; the others load on first
// visit (their chunks are precached, so they open offline too).
const TravelPage = lazy(() => import('./pages/TravelPage.js').then((m) => ({ default: m.TravelPage })));
const HealthPage = lazy(() => import('./pages/HealthPage.js').then((m) => ({ default: m.HealthPage })));
const DrillPage = lazy(() => import('./pages/DrillPage.js').then((m) => ({ default: m.DrillPage })));
const KitPage = lazy(() => import('./pages/KitPage.js').then((m) => ({ default: m.KitPage })));
const SettingsPage = lazy(() => import('./pages/SettingsPage.js').then((m) => ({ default: m.SettingsPage })));

function PageView({ id }: { id: PageId }) {
  switch (id) {
    case 'console':
      return <ConsolePage />;
    case 'travel':
      return <TravelPage />;
    case 'health':
      return <HealthPage />;
    case 'drill':
      return <DrillPage />;
    case 'kit':
      return <KitPage />;
    case 'settings':
      return <SettingsPage />;
  }
}

export function App() {
  const page = usePage();
  const title = PAGES.find((p) => p.id === page)?.label ?? '';
  // A hash link would change the route (#/console): focus <main> instead.
  const skip = (e: { preventDefault(): void }) => {
    e.preventDefault();
    document.getElementById('main')?.focus();
  };
  return (
    <>
      <a className="skip-link" href="#main" onClick={skip}>
        Skip to content
      </a>
      <header className="app-header">
        <h1>ballast</h1>
        <nav aria-label="Pages">
          <ul>
            {PAGES.map((p) => (
              <li key={p.id}>
                <a href={`#/${p.id}`} aria-current={p.id === page ? 'page' : undefined}>
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <ConnectionPill />
      </header>
      <FreezeBanner />
      <FirstRunIntro />
      <main aria-label={title} id="main" tabIndex={-1}>
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <PageView id={page} />
        </Suspense>
      </main>
    </>
  );
}
