/** The shapes the health panel reads (the router's JSON; the app never imports src/router). */
import type { SloSeries } from '../../../core/slo/series.js';

/** GET /healthz's provider states; a router newer than this page may add one (shown by its name). */
export type ProviderState = 'healthy' | 'cooling_down' | 'bypassed' | 'revoked';

/** GET /healthz (src/router/admin.ts routerState), also the answer of POST /admin/bypass. */
export interface RouterState {
  bypass: { enabled: boolean; changed_at: string };
  providers: Record<
    string,
    {
      kind: string;
      emulated: boolean;
      state: ProviderState;
      cooling_down_until: string | null;
      reason: string | null;
      recent_failures: number;
      revoked?: boolean;
      revoked_at?: string | null;
    }
  >;
  groups: string[];
}

/** One entry of /api/slo's `alerts` (null there when alerting is off). */
export interface AlertView {
  alert: string;
  phase: 'inactive' | 'pending' | 'firing' | 'resolved';
  active_at: string | null;
  fired_at: string | null;
  value: number | null;
  threshold: number;
  eligible: number;
  window: string;
  evaluated_at: string;
  /** Absent from routers before issue #19. */
  next_evaluation_at?: string | null;
  interval_s?: number | null;
}

/** GET /api/slo/series. */
export interface SeriesReport extends SloSeries {
  generated_at: string;
  now: number;
  minutes: number;
  targets: { success_rate: number; p95_latency_ms: number; avg_cost_usd: number; window_days: number };
}
