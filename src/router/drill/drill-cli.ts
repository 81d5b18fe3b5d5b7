/**
 * `ballast drill`: the drill checklist with its clock in a terminal, for an operator on
 * SSH. It talks to a running router over HTTP (the admin API); the operator acts, the
 * router records. Works on plain stdin/stdout (one key then Enter); redraws on a TTY.
 */
import { writeFileSync } from 'node:fs';
import { createInterface, type Interface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Agent, fetch } from 'undici';
import type { DrillView } from './drill-view.js';
import { renderScreen } from './drill-screen.js';

export const DRILL_HELP = `Usage: ballast drill [--url URL] [--out FILE]

Runs the 30-minute failover drill from a terminal against a running router: asks the
drill lead, operator and scribe, then shows the clock, the checklist, live figures
(traffic split, success rate, p95 against the SLO) and the timeline. One key, then Enter:
  c  check the next step        r  revoke the primary's key (asks to confirm)
  s  restore the primary's key  n  add a scribe note
  f  finish: findings, then the report is printed (and saved with --out)
  Enter refreshes; q quits and leaves the drill running (run ballast drill again to rejoin).

Options:
  --url URL    the router (default http://127.0.0.1:4100)
  --out FILE   also write the Markdown report to FILE when the drill finishes
  -h, --help   show this help

Environment: BALLAST_ADMIN_TOKEN, the router's admin token when it has one.
See docs/drill.md.`;

interface Io {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

class HttpFailure extends Error {}

export async function runDrillCli(args: string[], io: Io = { input: process.stdin, output: process.stdout, env: process.env }): Promise<number> {
  let values: { url?: string; out?: string; help?: boolean };
  try {
    values = parseArgs({ args, options: { url: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }).values;
  } catch (err) {
    process.stderr.write(`ballast: ${(err as Error).message}\n`);
    return 2;
  }
  if (values.help) {
    io.output.write(`${DRILL_HELP}\n`);
    return 0;
  }
  const base = (values.url ?? 'http://127.0.0.1:4100').replace(/\/+$/, '');
  const token = io.env.BALLAST_ADMIN_TOKEN;
  // Its own connection pool, closed at the end: idle keep-alive sockets would hold the process open.
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; text: string; json: any }> => {
    let res: Awaited<ReturnType<typeof fetch>>;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        dispatcher: agent,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new HttpFailure(`cannot reach the router at ${base}; is "ballast start" running there? (--url URL)`);
    }
    const text = await res.text();
    const json = text.startsWith('{') ? JSON.parse(text) : null;
    if (res.status === 401) throw new HttpFailure(`the router wants its admin token: export BALLAST_ADMIN_TOKEN and run again (${json?.error?.message ?? 'HTTP 401'})`);
    return { status: res.status, text, json };
  };
  const tty = io.output.isTTY === true;
  const rl = createInterface({ input: io.input, output: io.output, terminal: tty });
  const input = lineReader(rl);
  const say = (s: string) => io.output.write(`${s}\n`);
  let timer: NodeJS.Timeout | null = null;
  try {
    let first = await call('GET', '/admin/drills/current');
    let drill: DrillView;
    if (first.status === 200) {
      drill = first.json;
      say(`Joining the running drill ${drill.id} (lead ${drill.roles.lead}, operator ${drill.roles.operator}, scribe ${drill.roles.scribe}).`);
    } else if (first.json?.error?.code === 'no_active_drill') {
      say('A new 30-minute failover drill. Name the three roles (one person may play all three).');
      for (;;) {
        const lead = await input.ask('Drill lead (runs the clock): ');
        const operator = await input.ask('Operator (flips the switch): ');
        const scribe = await input.ask('Scribe (captures what happened): ');
        if (lead === null || operator === null || scribe === null) return 1;
        first = await call('POST', '/admin/drills', { lead, operator, scribe });
        if (first.status === 201) break;
        say(`Not started: ${first.json?.error?.message ?? first.text}`);
      }
      drill = first.json;
      say(`Drill ${drill.id} started; the clock runs until ${drill.deadline}.`);
    } else {
      throw new HttpFailure(first.json?.error?.message ?? `HTTP ${first.status}`);
    }
    const id = drill.id;
    let serverOffset = Date.parse(drill.now) - Date.now();
    let primaryState = 'unknown';
    const refresh = async () => {
      const r = await call('GET', `/admin/drills/${id}`);
      if (r.status === 200) drill = r.json;
      serverOffset = Date.parse(drill.now) - Date.now();
      const h = await call('GET', '/healthz');
      primaryState = h.json?.providers?.[drill.primary]?.state ?? 'unknown';
    };
    const draw = () => {
      const remaining = Date.parse(drill.deadline) - (Date.now() + serverOffset);
      const screen = renderScreen(drill, primaryState, remaining);
      io.output.write(tty ? `\u001b[H\u001b[2J${screen}\n` : `\n${screen}\n`);
    };
    if (tty) {
      // The clock ticks on a TTY; what the operator is typing stays on the prompt line.
      timer = setInterval(() => {
        if (!input.atCommand) return;
        void refresh()
          .then(() => {
            if (!input.atCommand) return;
            draw();
            rl.prompt(true);
          })
          .catch(() => undefined);
      }, 1000);
    }
    for (;;) {
      await refresh();
      draw();
      const key = await input.ask('> ', true);
      if (key === null) return 1;
      const k = key.trim().toLowerCase();
      if (k === '' || k === 'refresh') continue;
      if (k === 'q') {
        say(`Left drill ${id} running; "ballast drill --url ${base}" rejoins it.`);
        return 0;
      }
      if (k === 'c') {
        if (drill.next_step === null) {
          say('Every step is checked; f finishes the drill.');
          continue;
        }
        let r = await call('POST', `/admin/drills/${id}/steps`, { step: drill.next_step });
        if (r.json?.error?.code === 'step_condition_not_met') {
          // the step's claim is false now: check it only with a reason the report will carry
          say(`Not met: ${r.json.error.message}`);
          const why = (await input.ask('Override with a note (empty line cancels): '))?.trim();
          if (why) r = await call('POST', `/admin/drills/${id}/steps`, { step: drill.next_step, override: why });
          else continue;
        }
        if (r.status !== 200) say(`Not checked: ${r.json?.error?.message ?? r.text}`);
      } else if (k === 'r' || k === 's') {
        const verb = k === 'r' ? 'revoke' : 'restore';
        const sure = await input.ask(`${verb === 'revoke' ? 'Revoke' : 'Restore'} the key of ${drill.primary} now? (y/N) `);
        if (sure?.trim().toLowerCase() !== 'y') continue;
        const r = await call('POST', `/admin/providers/${encodeURIComponent(drill.primary)}/${verb}`, { by: drill.roles.operator });
        say(r.status === 200 ? `${drill.primary}: ${verb}d (${r.json.state?.state ?? ''})` : `Not done: ${r.json?.error?.message ?? r.text}`);
      } else if (k === 'n') {
        const text = await input.ask('Note: ');
        if (text?.trim()) {
          const r = await call('POST', `/admin/drills/${id}/notes`, { text });
          if (r.status !== 200) say(`Not saved: ${r.json?.error?.message ?? r.text}`);
        }
      } else if (k === 'f') {
        say('Findings (the scribe): type them, one or more lines; an empty line ends.');
        const findings: string[] = [];
        for (;;) {
          const l = await input.ask('| ');
          if (l === null || l.trim() === '') break;
          findings.push(l);
        }
        if (timer) clearInterval(timer);
        const r = await call('POST', `/admin/drills/${id}/finish`, { findings: findings.join('\n') });
        if (r.status !== 200) throw new HttpFailure(r.json?.error?.message ?? r.text);
        const report = await call('GET', `/admin/drills/${id}/report.md`);
        if (report.status !== 200) throw new HttpFailure(report.json?.error?.message ?? report.text);
        say(`\n${report.text}`);
        if (values.out) {
          writeFileSync(values.out, report.text);
          say(`Report saved to ${values.out}`);
        }
        say('Drill finished.');
        return 0;
      } else {
        say(`Unknown key "${k}". ${'c, r, s, n, f, q, or Enter'}.`);
      }
    }
  } catch (err) {
    if (err instanceof HttpFailure) {
      process.stderr.write(`ballast drill: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    if (timer) clearInterval(timer);
    rl.close();
    await agent.close();
  }
}

/** Lines from readline, one question at a time; null once the input ends. */
function lineReader(rl: Interface) {
  const queued: string[] = [];
  let waiting: ((line: string | null) => void) | null = null;
  let closed = false;
  rl.on('line', (line) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w(line);
    } else queued.push(line);
  });
  rl.on('close', () => {
    closed = true;
    waiting?.(null);
    waiting = null;
  });
  const state = {
    atCommand: false,
    ask(prompt: string, command = false): Promise<string | null> {
      rl.setPrompt(prompt);
      rl.prompt();
      const next = queued.shift();
      if (next !== undefined) return Promise.resolve(next);
      if (closed) return Promise.resolve(null);
      state.atCommand = command;
      return new Promise((resolve) => {
        waiting = (line) => {
          state.atCommand = false;
          resolve(line);
        };
      });
    },
  };
  return state;
}
