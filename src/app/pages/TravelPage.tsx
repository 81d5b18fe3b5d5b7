import { useState } from 'react';
import { downloadJson } from '../travel/download-json.js';
import { useOpenEntryKey } from '../travel/entry-route.js';
import { EntryDetail } from '../travel/EntryDetail.js';
import { EntryList } from '../travel/EntryList.js';
import { TravelStats } from '../travel/TravelStats.js';
import { travel } from '../travel-client.js';
import './travel.css';

function ManageBar({ onChanged }: { onChanged: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  const exportAll = async () => {
    try {
      const data = await travel.export();
      downloadJson(data, `ballast-travel-cache-${new Date(data.exportedAt).toISOString().slice(0, 10)}.json`);
      setNote({ ok: true, text: `Exported ${data.entries.length} answers.` });
    } catch (err) {
      setNote({ ok: false, text: (err as Error).message });
    }
  };
  const clearAll = async () => {
    setConfirming(false);
    try {
      const n = await travel.clear();
      setNote({ ok: true, text: `Deleted ${n} answers; the counters start again from zero.` });
      onChanged();
    } catch (err) {
      setNote({ ok: false, text: (err as Error).message });
    }
  };

  return (
    <div className="manage-bar">
      <button type="button" className="secondary" onClick={() => void exportAll()}>
        Export all (JSON)
      </button>
      {confirming ? (
        <span role="group" aria-label="Confirm clearing the cache" className="confirm">
          <span>Delete every stored answer and reset the counters?</span>
          <button type="button" className="danger" onClick={() => void clearAll()}>
            Yes, clear all
          </button>
          {/* focus on the safe choice: Enter right after "Clear all…" must not wipe the cache */}
          <button type="button" className="secondary" onClick={() => setConfirming(false)} autoFocus>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>
          Clear all…
        </button>
      )}
      {note && (
        <span role="status" className={note.ok ? 'muted small' : 'warn'}>
          {note.text}
        </span>
      )}
    </div>
  );
}

/**
 * The travel cache, read through the service worker's message API, so it works the
 * same offline: counters, storage, the stored answers, one answer whole.
 */
export function TravelPage() {
  const openKey = useOpenEntryKey();
  // bumped after a delete or clear: the list and the counters read again
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  return (
    <section aria-labelledby="page-h" className="travel">
      <h2 id="page-h">Travel cache</h2>
      <p className="muted">
        Answers this device has received, kept in IndexedDB by the service worker. When the router cannot be reached they answer repeated
        prompts, offline too.
      </p>
      <TravelStats version={version} />
      {openKey !== null ? (
        <EntryDetail entryKey={openKey} onDeleted={changed} />
      ) : (
        <>
          <ManageBar onChanged={changed} />
          <EntryList version={version} />
        </>
      )}
    </section>
  );
}
