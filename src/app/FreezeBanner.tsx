import { useSloFeed } from './slo-feed.js';

/** The error-budget policy made visible: shown while /api/slo reports a freeze. */
export function FreezeBanner() {
  const { report } = useSloFeed();
  if (!report?.freeze.active) return null;
  return (
    <div className="freeze-banner" role="alert">
      <strong>Change freeze.</strong> {report.freeze.reason}
    </div>
  );
}
