/**
 * Drill sessions and the key revoke/restore they exercise. One drill runs at a time;
 * it is stored (with its timeline and a snapshot of its figures) so a restart loses
 * nothing but the last few seconds of figures. The operator acts; this only records.
 */
import { randomBytes } from 'node:crypto';
import type { SloConfig } from '../../core/slo/config.js';
import type { RequestContext } from '../context.js';
import { BallastError, invalidRequest, notFound } from '../http/errors.js';
import { isEligible } from '../ledger/row.js';
import type { Logger } from '../log.js';
import type { KeyOverrides } from '../providers/key-overrides.js';
import type { Cooldowns } from '../routing/cooldowns.js';
import { DrillFigures } from './drill-figures.js';
import { renderReport } from './drill-report.js';
import type { DrillRow, DrillStore } from './drill-store.js';
import { budgetUse, OVERRIDE_PREFIX, toView, type DrillView } from './drill-view.js';
import { stepCondition, unhealthyAtFinish, type ProviderNow } from './step-conditions.js';
import { DrillWatch } from './drill-watch.js';
import { DRILL_MS, stepById, type Role } from './sop.js';
import type { DrillEvent } from './timeline.js';

export interface DrillsDeps {
  store: DrillStore;
  keys: KeyOverrides;
  cooldowns: Cooldowns;
  log: Logger;
  slo: SloConfig;
  providers: readonly string[];
  /** The provider the drill revokes: the default group's first deployment. */
  primary: string;
  /** The rolling window's error budget from the SLO engine, or null without a ledger. */
  windowBudget: () => { allowed: number; eligible: number; window_days: number } | null;
  now?: () => number;
}

interface Active {
  row: DrillRow;
  events: DrillEvent[];
  figures: DrillFigures;
  watch: DrillWatch;
}

// No control characters in names (they reach terminals and reports); notes keep newlines and tabs.
const NAME = /^[^\u0000-\u001f\u007f-\u009f]{1,80}$/;
const plainText = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '').trim();
const SNAPSHOT_MS = 2000;

export class Drills {
  #active: Active | null = null;
  readonly #timer: NodeJS.Timeout;
  readonly #now: () => number;

  constructor(private readonly deps: DrillsDeps) {
    this.#now = deps.now ?? Date.now;
    const running = deps.store.running();
    if (running) {
      const events = deps.store.events(running.id);
      this.#active = { row: running, events, figures: DrillFigures.from(running.figures), watch: DrillWatch.replay(events) };
    }
    this.#timer = setInterval(() => this.#saveFigures(), SNAPSHOT_MS);
    this.#timer.unref();
  }

  /** Pushed into rt.recorders: counts every finished request while a drill runs. */
  readonly recorder = (ctx: RequestContext): void => {
    const a = this.#active;
    if (a === null || ctx.startedAt < a.row.started_at) return;
    try {
      const now = this.#now();
      for (const e of a.watch.observe(ctx, (p) => this.deps.cooldowns.state(p), now)) this.#event(a, e);
      const outcome = ctx.outcome ?? 'provider_error';
      const firstFailure = a.watch.firstFailureAt;
      a.figures.add({
        provider: ctx.provider,
        eligible: isEligible(ctx.group, outcome),
        success: outcome === 'success',
        latencyMs: ctx.latencyMs === null ? null : Math.round(ctx.latencyMs * 100) / 100,
        // Finished after the first failure: the request that failed over counts too.
        afterFirstFailure: firstFailure !== null && ctx.startedAt + (ctx.latencyMs ?? 0) >= firstFailure,
      });
    } catch (err) {
      this.deps.log.error('drill_record_failed', { request_id: ctx.id, error: String((err as Error)?.message ?? err) });
    }
  };

  start(body: unknown): DrillView {
    const o = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const roles = {} as Record<Role, string>;
    for (const role of ['lead', 'operator', 'scribe'] as const) {
      const v = typeof o[role] === 'string' ? (o[role] as string).trim() : '';
      if (!NAME.test(v)) throw invalidRequest(`Name the ${role === 'lead' ? 'drill lead' : role}: "${role}" must be a name of 1-80 characters (one person may play all three roles).`, role);
      roles[role] = v;
    }
    if (this.#active) {
      throw new BallastError(409, 'invalid_request_error', 'drill_in_progress', `Drill ${this.#active.row.id} is still running; finish it (POST /admin/drills/${this.#active.row.id}/finish) before starting another.`);
    }
    const now = this.#now();
    const row: DrillRow = {
      id: `drill_${randomBytes(6).toString('hex')}`,
      started_at: now,
      deadline: now + DRILL_MS,
      ...roles,
      primary_provider: this.deps.primary,
      finished_at: null,
      findings: null,
      figures: new DrillFigures().snapshot(),
      report: null,
    };
    this.deps.store.insertDrill(row);
    const a: Active = { row, events: [], figures: new DrillFigures(), watch: new DrillWatch() };
    this.#active = a;
    this.#event(a, { at: now, kind: 'started', who: roles.lead, detail: `primary ${row.primary_provider}; clock 30 min` });
    // A key already revoked when the drill starts is part of what the drill watches.
    for (const p of this.deps.providers) {
      const at = this.deps.keys.revokedAt(p);
      if (at !== null) a.watch.action({ at, kind: 'revoke', provider: p });
    }
    this.deps.log.info('drill_started', { drill: row.id, primary: row.primary_provider });
    return this.#view(a.row, a.events, a.figures);
  }

  current(): DrillView | null {
    const a = this.#active;
    return a ? this.#view(a.row, a.events, a.figures) : null;
  }

  get(id: string): DrillView {
    const a = this.#active;
    if (a && a.row.id === id) return this.#view(a.row, a.events, a.figures);
    const row = this.deps.store.get(id);
    if (!row) throw unknownDrill(id);
    return this.#view(row, this.deps.store.events(id), DrillFigures.from(row.figures));
  }

  list(limit = 20) {
    return this.deps.store.list(limit).map((d) => ({
      id: d.id,
      started_at: new Date(d.started_at).toISOString(),
      finished_at: d.finished_at === null ? null : new Date(d.finished_at).toISOString(),
      roles: { lead: d.lead, operator: d.operator, scribe: d.scribe },
      primary: d.primary_provider,
    }));
  }

  checkStep(id: string, body: unknown): DrillView {
    const a = this.#running(id);
    const o = objectOf(body);
    const step = typeof o.step === 'string' ? stepById(o.step) : undefined;
    if (!step) throw invalidRequest('"step" must be a checklist step id: announce, baseline, revoke, watch_failover, confirm_p95, restore, verify_green, debrief.', 'step');
    if (a.events.some((e) => e.kind === 'step' && e.step === step.id)) {
      throw new BallastError(409, 'invalid_request_error', 'step_already_checked', `Step "${step.id}" is already checked.`, 'step');
    }
    const role = roleOf(o.by, step.role);
    const condition = stepCondition(step.id, this.#providersNow());
    if (condition && !condition.met) {
      const note = typeof o.override === 'string' ? plainText(o.override) : '';
      if (note.length < 1 || note.length > 500) {
        throw new BallastError(
          409,
          'invalid_request_error',
          'step_condition_not_met',
          `Step "${step.id}" is not met now: ${condition.reason}. Fix it first (restore the key, wait for the cooldown), or check it anyway with {"step": "${step.id}", "override": "why"} (1-500 characters); the report will say so.`,
          'override',
        );
      }
      this.#event(a, { at: this.#now(), kind: 'step', step: step.id, who: a.row[role], text: note, detail: `${OVERRIDE_PREFIX}${condition.reason}` });
    } else {
      this.#event(a, { at: this.#now(), kind: 'step', step: step.id, who: a.row[role], text: step.label });
    }
    return this.#view(a.row, a.events, a.figures);
  }

  addNote(id: string, body: unknown): DrillView {
    const a = this.#running(id);
    const o = objectOf(body);
    const text = typeof o.text === 'string' ? plainText(o.text) : '';
    if (text.length < 1 || text.length > 2000) throw invalidRequest('"text" must be the note, 1-2000 characters.', 'text');
    const role = roleOf(o.by, 'scribe');
    this.#event(a, { at: this.#now(), kind: 'note', who: a.row[role], text });
    return this.#view(a.row, a.events, a.figures);
  }

  finish(id: string, body: unknown): DrillView {
    const a = this.#running(id);
    const o = objectOf(body);
    if (o.findings !== undefined && (typeof o.findings !== 'string' || o.findings.length > 10_000)) {
      throw invalidRequest('"findings" must be text, up to 10000 characters (the scribe\'s findings).', 'findings');
    }
    const now = this.#now();
    this.#event(a, { at: now, kind: 'finished', who: a.row.lead });
    a.row.finished_at = now;
    a.row.findings = typeof o.findings === 'string' && plainText(o.findings) ? plainText(o.findings) : null;
    a.figures.windowBudget = this.deps.windowBudget();
    const view = this.#view(a.row, a.events, a.figures, true);
    const report = renderReport(view);
    this.deps.store.finish(id, now, a.row.findings, a.figures.snapshot(), report);
    a.row.report = report;
    this.#active = null;
    this.deps.log.info('drill_finished', { drill: id, requests: view.figures.requests, failed: view.figures.failed });
    return { ...view, report_available: true };
  }

  report(id: string): string {
    const row = this.deps.store.get(id);
    if (!row) throw unknownDrill(id);
    if (row.report === null) throw new BallastError(409, 'invalid_request_error', 'drill_running', `Drill ${id} is still running; the report exists once it is finished.`);
    return row.report;
  }

  /** Swaps the provider's key for one it rejects; recorded in the admin events and the running drill. */
  revoke(provider: string, actor: string | null): { changed: boolean; at: number } {
    this.#knownProvider(provider);
    const at = this.#now();
    const changed = this.deps.keys.revoke(provider, at);
    if (changed) this.#adminAction('revoke', provider, actor, at);
    return { changed, at: this.deps.keys.revokedAt(provider) ?? at };
  }

  /** Puts the real key back and the provider back into rotation (its auth cooldown is cleared). */
  restore(provider: string, actor: string | null): { changed: boolean; at: number } {
    this.#knownProvider(provider);
    const at = this.#now();
    const changed = this.deps.keys.restore(provider);
    if (changed) {
      this.deps.cooldowns.clear(provider);
      this.#adminAction('restore', provider, actor, at);
    }
    return { changed, at };
  }

  adminEvents(limit = 50) {
    return this.deps.store.adminEvents(limit).map((e) => ({ ...e, at: new Date(e.at).toISOString() }));
  }

  close(): void {
    clearInterval(this.#timer);
    this.#saveFigures();
    this.deps.store.close();
  }

  #adminAction(action: 'revoke' | 'restore', provider: string, actor: string | null, at: number): void {
    this.deps.store.addAdminEvent({ at, action, provider, actor });
    this.deps.log.warn(action === 'revoke' ? 'provider_key_revoked' : 'provider_key_restored', {
      provider,
      actor,
      note: action === 'revoke' ? 'the provider now gets a key it rejects (drill); restore with POST /admin/providers/' + provider + '/restore' : 'the configured key is back',
    });
    const a = this.#active;
    if (a) {
      const detail = action === 'revoke' ? `${provider} now gets a key it rejects` : `${provider} has its configured key again and is back in rotation`;
      const e: DrillEvent = { at, kind: action, provider, who: actor ?? a.row.operator, detail };
      a.watch.action(e);
      this.#event(a, e);
    }
  }

  #event(a: Active, e: DrillEvent): void {
    a.events.push(e);
    this.deps.store.addEvent(a.row.id, e);
  }

  #saveFigures(): void {
    const a = this.#active;
    if (a) this.deps.store.saveFigures(a.row.id, a.figures.snapshot());
  }

  #view(row: DrillRow, events: readonly DrillEvent[], figures: DrillFigures, atFinish = false): DrillView {
    const live = figures.view(this.deps.slo);
    // A finished drill keeps the window's budget as it was at the finish.
    const window = row.finished_at === null ? this.deps.windowBudget() : figures.windowBudget;
    const providers = row.finished_at === null || atFinish ? this.#providersNow() : null;
    const state = providers && { conditions: (step: string) => stepCondition(step, providers), unhealthy: unhealthyAtFinish(providers) };
    return toView(row, events, live, budgetUse(live.failed, window), this.#now(), state);
  }

  /** Every provider's key and cooldown as the router sees them now. */
  #providersNow(): ProviderNow[] {
    return this.deps.providers.map((name) => {
      const c = this.deps.cooldowns.state(name);
      return { name, revoked: this.deps.keys.revokedAt(name) !== null, coolingDown: c.coolingDown, until: c.until };
    });
  }

  #running(id: string): Active {
    const a = this.#active;
    if (a && a.row.id === id) return a;
    if (this.deps.store.get(id)) throw new BallastError(409, 'invalid_request_error', 'drill_finished', `Drill ${id} is finished; start a new one with POST /admin/drills.`);
    throw unknownDrill(id);
  }

  #knownProvider(provider: string): void {
    if (!this.deps.providers.includes(provider)) {
      throw new BallastError(404, 'invalid_request_error', 'unknown_provider', `No provider "${provider}"; the configured providers are ${this.deps.providers.join(', ')}.`);
    }
  }
}

function unknownDrill(id: string): BallastError {
  return notFound(`No drill "${id.slice(0, 64)}"; GET /admin/drills lists them.`);
}

function objectOf(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidRequest('Send a JSON object.');
  return body as Record<string, unknown>;
}

function roleOf(by: unknown, fallback: Role): Role {
  if (by === undefined) return fallback;
  if (by === 'lead' || by === 'operator' || by === 'scribe') return by;
  throw invalidRequest('"by" must be a role: lead, operator or scribe.', 'by');
}
