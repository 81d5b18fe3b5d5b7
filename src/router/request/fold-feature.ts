/**
 * Feature tags are the client's to choose, so every place that keeps one per tag (the
 * ledger's rollups, /metrics labels) keeps only the configured ones and folds the rest
 * into "other": 20,000 invented tags must not become 20,000 rollup rows or series.
 */

/** The bucket unconfigured feature tags fold into. */
export const OTHER_FEATURE = 'other';

/**
 * @example const fold = featureFolder(['chat']); fold('chat') // 'chat'; fold('x1') // 'other'; fold('default') // 'default'
 */
export function featureFolder(known: readonly string[]): (feature: string) => string {
  const keep = new Set(known);
  keep.add('default'); // the tag of a request that names none
  return (feature) => (keep.has(feature) ? feature : OTHER_FEATURE);
}
