/**
 * A thread out of the app and back: Markdown to read or share, JSON to import on
 * another device (or after clearing this one). The JSON is checked field by field on
 * the way in: an import never puts a malformed turn in the database.
 */
import { newId, type Thread, type Turn, type TurnOptions } from './thread-types.js';

export const EXPORT_FORMAT = 'ballast-thread';

export interface ThreadExport {
  format: typeof EXPORT_FORMAT;
  version: 1;
  exportedAt: number;
  threads: Thread[];
}

/** The thread as a Markdown document: title, system prompt, then each prompt and answer. */
export function threadToMarkdown(t: Thread): string {
  const out = [`# ${t.title}`, '', `_Exported from ballast on ${new Date().toISOString().slice(0, 10)}; started ${new Date(t.createdAt).toISOString()}._`, ''];
  if (t.system.trim() !== '') out.push('## System', '', t.system, '');
  for (const u of t.turns) {
    out.push('## You', '', u.prompt, '');
    const who = [u.meta?.provider, u.meta?.model].filter(Boolean).join(', ');
    out.push(`## Answer${who ? ` (${who}${u.meta?.travel ? ', from this device' : ''})` : ''}`, '');
    out.push(u.error && u.text === '' ? `> ${u.error.message}` : u.text, '');
  }
  return out.join('\n');
}

export function threadsToJson(threads: Thread[], now = Date.now()): string {
  const doc: ThreadExport = { format: EXPORT_FORMAT, version: 1, exportedAt: now, threads };
  return JSON.stringify(doc, null, 2);
}

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

function optionsOf(v: unknown): TurnOptions {
  const o = isObj(v) ? v : {};
  const cache = o['cache'] === 'no-store' || o['cache'] === 'refresh' ? o['cache'] : 'default';
  return { group: str(o['group'], 'default'), feature: str(o['feature']), promptVersion: str(o['promptVersion']), stream: o['stream'] !== false, cache };
}

function turnOf(v: unknown, at: string): Turn {
  if (!isObj(v) || typeof v['prompt'] !== 'string') throw new ImportError(`${at}: a turn needs a "prompt" string.`);
  const e = isObj(v['error']) ? v['error'] : null;
  return {
    id: str(v['id']) || newId(),
    prompt: v['prompt'],
    options: optionsOf(v['options']),
    sentAt: num(v['sentAt'], Date.now()),
    text: str(v['text']),
    pending: false,
    queued: false,
    meta: isObj(v['meta']) ? (v['meta'] as unknown as Turn['meta']) : null,
    status: typeof v['status'] === 'number' ? v['status'] : null,
    latencyMs: typeof v['latencyMs'] === 'number' ? v['latencyMs'] : null,
    ttftMs: typeof v['ttftMs'] === 'number' ? v['ttftMs'] : null,
    error: e ? { status: typeof e['status'] === 'number' ? e['status'] : null, code: str(e['code'], 'error'), message: str(e['message']), failure: null } : null,
  };
}

/**
 * Reads an export (this app's JSON); throws ImportError saying what is wrong.
 *
 * @example
 *   addThreads(parseThreadsJson(await file.text()));
 */
export function parseThreadsJson(text: string): Thread[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new ImportError('The file is not JSON.');
  }
  if (!isObj(doc) || doc['format'] !== EXPORT_FORMAT || !Array.isArray(doc['threads'])) throw new ImportError(`The file is not a ballast thread export (format "${EXPORT_FORMAT}").`);
  return doc['threads'].map((t, i) => {
    if (!isObj(t) || !Array.isArray(t['turns'])) throw new ImportError(`threads[${i}]: a thread needs a "turns" list.`);
    const turns = t['turns'].map((u, j) => turnOf(u, `threads[${i}].turns[${j}]`));
    const createdAt = num(t['createdAt'], turns[0]?.sentAt ?? Date.now());
    return { id: str(t['id']) || newId(), title: str(t['title'], 'Imported conversation') || 'Imported conversation', system: str(t['system']), createdAt, updatedAt: num(t['updatedAt'], createdAt), turns };
  });
}

/** A file name for a thread: its title in lower-case words, and the date. */
export function exportFileName(t: Thread, ext: 'md' | 'json'): string {
  const slug = t.title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 40) || 'conversation';
  return `ballast-${slug}-${new Date().toISOString().slice(0, 10)}.${ext}`;
}
