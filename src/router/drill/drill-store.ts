/**
 * Reading and writing drills, their timelines and the admin events in the drill file.
 * Only names, step ids, notes, figures and the report are stored: never a key.
 */
import type Database from 'better-sqlite3';
import type { FiguresSnapshot } from './drill-figures.js';
import type { DrillEvent, EventKind } from './timeline.js';

export interface DrillRow {
  id: string;
  started_at: number;
  deadline: number;
  lead: string;
  operator: string;
  scribe: string;
  primary_provider: string;
  finished_at: number | null;
  findings: string | null;
  figures: FiguresSnapshot;
  report: string | null;
}

export interface AdminEvent {
  at: number;
  action: 'revoke' | 'restore';
  provider: string;
  actor: string | null;
}

type SqlDrill = Omit<DrillRow, 'figures'> & { figures: string };

export class DrillStore {
  constructor(private readonly db: Database.Database) {}

  insertDrill(d: DrillRow): void {
    this.db
      .prepare(
        `INSERT INTO drills (id, started_at, deadline, lead, operator, scribe, primary_provider, finished_at, findings, figures, report)
         VALUES (@id, @started_at, @deadline, @lead, @operator, @scribe, @primary_provider, @finished_at, @findings, @figures, @report)`,
      )
      .run({ ...d, figures: JSON.stringify(d.figures) });
  }

  saveFigures(id: string, figures: FiguresSnapshot): void {
    this.db.prepare('UPDATE drills SET figures = ? WHERE id = ?').run(JSON.stringify(figures), id);
  }

  finish(id: string, at: number, findings: string | null, figures: FiguresSnapshot, report: string): void {
    this.db.prepare('UPDATE drills SET finished_at = ?, findings = ?, figures = ?, report = ? WHERE id = ?').run(at, findings, JSON.stringify(figures), report, id);
  }

  get(id: string): DrillRow | null {
    const row = this.db.prepare('SELECT * FROM drills WHERE id = ?').get(id) as SqlDrill | undefined;
    return row ? parse(row) : null;
  }

  /** The drill still running, if any (at most one runs at a time). */
  running(): DrillRow | null {
    const row = this.db.prepare('SELECT * FROM drills WHERE finished_at IS NULL ORDER BY started_at DESC LIMIT 1').get() as SqlDrill | undefined;
    return row ? parse(row) : null;
  }

  /** The most recent drills, newest first (ids, roles and times only). */
  list(limit: number): Array<Omit<DrillRow, 'figures' | 'report' | 'findings'>> {
    return this.db
      .prepare('SELECT id, started_at, deadline, lead, operator, scribe, primary_provider, finished_at FROM drills ORDER BY started_at DESC LIMIT ?')
      .all(limit) as Array<Omit<DrillRow, 'figures' | 'report' | 'findings'>>;
  }

  addEvent(drillId: string, e: DrillEvent): void {
    this.db
      .prepare('INSERT INTO drill_events (drill_id, at, kind, step, who, text, provider, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(drillId, e.at, e.kind, e.step ?? null, e.who ?? null, e.text ?? null, e.provider ?? null, e.detail ?? null);
  }

  events(drillId: string): DrillEvent[] {
    const rows = this.db.prepare('SELECT at, kind, step, who, text, provider, detail FROM drill_events WHERE drill_id = ? ORDER BY seq').all(drillId) as Array<
      DrillEvent & { kind: EventKind }
    >;
    return rows;
  }

  addAdminEvent(e: AdminEvent): void {
    this.db.prepare('INSERT INTO admin_events (at, action, provider, actor) VALUES (?, ?, ?, ?)').run(e.at, e.action, e.provider, e.actor);
  }

  adminEvents(limit: number): AdminEvent[] {
    return this.db.prepare('SELECT at, action, provider, actor FROM admin_events ORDER BY seq DESC LIMIT ?').all(limit) as AdminEvent[];
  }

  close(): void {
    this.db.close();
  }
}

function parse(row: SqlDrill): DrillRow {
  return { ...row, figures: JSON.parse(row.figures) as FiguresSnapshot };
}
