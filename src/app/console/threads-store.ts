/**
 * The console's threads in memory, loaded once from IndexedDB (thread-db.ts) and written
 * back on every change; one module-level store so a visit to another page keeps them, and
 * React reads them through useSyncExternalStore.
 */
import { useSyncExternalStore } from 'react';
import { deleteThread, openConsoleDb, readThreads, writeThread, type ConsoleDb } from './thread-db.js';
import { titleFrom } from './conversation.js';
import { newId, type Thread, type Turn } from './thread-types.js';

export interface ThreadsState {
  loaded: boolean;
  /** Most recently used first. */
  threads: readonly Thread[];
  currentId: string | null;
}

let state: ThreadsState = { loaded: false, threads: [], currentId: null };
const listeners = new Set<() => void>();
let dbPromise: Promise<ConsoleDb> | null = null;
/** Writes in flight, chained per thread so a streaming turn's updates land in order. */
const writes = new Map<string, Promise<void>>();

function db(): Promise<ConsoleDb> {
  dbPromise ??= openConsoleDb();
  return dbPromise;
}

function set(next: Partial<ThreadsState>): void {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

function persist(t: Thread): void {
  const prev = writes.get(t.id) ?? Promise.resolve();
  const p = prev.then(async () => writeThread(await db(), t)).catch(() => undefined);
  writes.set(t.id, p);
}

/** Resolves when every pending write has landed (tests, export). */
export async function flushWrites(): Promise<void> {
  await Promise.all(writes.values());
}

export async function loadThreads(): Promise<void> {
  if (state.loaded) return;
  let threads: Thread[] = [];
  try {
    // a turn still pending when the page went away will never finish: say so
    threads = (await readThreads(await db())).map((t) => ({
      ...t,
      turns: t.turns.map((u) => (u.pending ? { ...u, pending: false, error: u.error ?? { status: null, code: 'interrupted', message: 'The page closed before this answer finished. Retry asks again.', failure: null } } : u)),
    }));
  } catch {
    // no IndexedDB (private mode in some browsers): threads live for this session only
  }
  set({ loaded: true, threads, currentId: state.currentId ?? threads[0]?.id ?? null });
}

export function getThreads(): ThreadsState {
  return state;
}

export function currentThread(): Thread | null {
  return state.threads.find((t) => t.id === state.currentId) ?? null;
}

export function selectThread(id: string | null): void {
  set({ currentId: id });
}

/** A new, empty thread made current (written once it has a turn). */
export function startThread(system = ''): Thread {
  const cur = currentThread();
  if (cur && cur.turns.length === 0) return cur;
  const now = Date.now();
  const t: Thread = { id: newId(), title: 'New conversation', system, createdAt: now, updatedAt: now, turns: [] };
  set({ threads: [t, ...state.threads], currentId: t.id });
  return t;
}

/** Replaces a thread (matched by id), most recently used first, and writes it. */
export function putThread(t: Thread, touch = true, write = true): Thread {
  const next = touch ? { ...t, updatedAt: Date.now() } : t;
  const others = state.threads.filter((x) => x.id !== t.id);
  set({ threads: touch ? [next, ...others] : state.threads.map((x) => (x.id === t.id ? next : x)) });
  if (write && next.turns.length > 0) persist(next);
  return next;
}

/** Adds or replaces a turn (matched by id) in a thread; the first prompt names the thread. */
export function putTurn(threadId: string, turn: Turn): void {
  const t = state.threads.find((x) => x.id === threadId);
  if (!t) return;
  const i = t.turns.findIndex((u) => u.id === turn.id);
  const turns = i >= 0 ? t.turns.map((u) => (u.id === turn.id ? turn : u)) : [...t.turns, turn];
  const title = t.turns.length === 0 && t.title === 'New conversation' ? titleFrom(turn.prompt) : t.title;
  // a streaming turn is written when it starts and when it ends, not once per token
  putThread({ ...t, turns, title }, i < 0, i < 0 || !turn.pending);
}

/** Drops turns from index `from` on (edit-and-resend replaces the last prompt). */
export function truncateThread(threadId: string, from: number): Thread | null {
  const t = state.threads.find((x) => x.id === threadId);
  if (!t) return null;
  return putThread({ ...t, turns: t.turns.slice(0, from) });
}

export function renameThread(id: string, title: string): void {
  const t = state.threads.find((x) => x.id === id);
  if (t && title.trim() !== '') putThread({ ...t, title: title.trim() }, false);
}

export function setThreadSystem(id: string, system: string): void {
  const t = state.threads.find((x) => x.id === id);
  if (t) putThread({ ...t, system }, false);
}

export async function removeThread(id: string): Promise<void> {
  const threads = state.threads.filter((t) => t.id !== id);
  set({ threads, currentId: state.currentId === id ? (threads[0]?.id ?? null) : state.currentId });
  await writes.get(id);
  await deleteThread(await db(), id).catch(() => undefined);
}

/** Adds imported threads (new ids when one is already here) and opens the first. */
export function addThreads(incoming: Thread[]): void {
  if (incoming.length === 0) return;
  const ids = new Set(state.threads.map((t) => t.id));
  const added = incoming.map((t) => (ids.has(t.id) ? { ...t, id: newId() } : t));
  set({ threads: [...added, ...state.threads].sort((a, b) => b.updatedAt - a.updatedAt), currentId: added[0]!.id });
  for (const t of added) persist(t);
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useThreads(): ThreadsState {
  return useSyncExternalStore(subscribe, getThreads);
}
