/**
 * The console's form choices (group, tags, system prompt, stream, cache option) and the
 * last model-group list from GET /v1/models, remembered in this browser so the console
 * opens as it was left, offline too.
 */
import type { TurnOptions } from './thread-types.js';

export type ConsolePrefs = TurnOptions & { system: string };

const PREFS_KEY = 'ballast:console';
const GROUPS_KEY = 'ballast:model-groups';

export const DEFAULT_PREFS: ConsolePrefs = { system: '', group: 'default', feature: '', promptVersion: '', stream: true, cache: 'default' };

function read<T>(key: string): T | null {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or blocked: the console still works, it just forgets
  }
}

export function loadPrefs(): ConsolePrefs {
  return { ...DEFAULT_PREFS, ...read<Partial<ConsolePrefs>>(PREFS_KEY) };
}

export function savePrefs(p: ConsolePrefs): void {
  write(PREFS_KEY, p);
}

/** The model groups last seen from the router (empty before the first visit online). */
export function loadGroups(): string[] {
  const g = read<unknown>(GROUPS_KEY);
  return Array.isArray(g) ? g.filter((x): x is string => typeof x === 'string') : [];
}

export function saveGroups(groups: string[]): void {
  write(GROUPS_KEY, groups);
}
