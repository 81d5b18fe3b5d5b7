import { useSyncExternalStore } from 'react';
import { acceptUpdate, isUpdateAvailable, subscribeUpdate } from './register-sw.js';

/** "A new version is ready": the waiting worker takes over only when the user says so. */
export function UpdateBanner() {
  const available = useSyncExternalStore(subscribeUpdate, isUpdateAvailable);
  if (!available) return null;
  return (
    <div className="update-banner" role="status">
      A new version of ballast is ready.{' '}
      <button type="button" onClick={acceptUpdate}>
        Reload
      </button>
    </div>
  );
}
