/**
 * Fault definitions, their validation, and the per-provider slot that decides
 * (seeded `rate`, counted `times`) whether the current fault applies to a request.
 */

interface Sampling {
  /** Fraction of requests the fault applies to, 0..1 (default 1). */
  rate?: number;
  /** Apply to the next N requests it hits, then clear itself. */
  times?: number;
}

export type Fault =
  | ({ kind: 'status'; status: number; retry_after_s?: number } & Sampling)
  | { kind: 'refuse' }
  | ({ kind: 'stall_headers'; ms: number } & Sampling)
  | ({ kind: 'stall_first_token'; ms: number } & Sampling)
  | ({ kind: 'cut'; after_tokens: number } & Sampling)
  | ({ kind: 'malformed' } & Sampling)
  | ({ kind: 'slow'; factor: number } & Sampling)
  | ({ kind: 'echo_key'; where: EchoWhere; status?: number; after_tokens?: number } & Sampling);

/**
 * Where an `echo_key` fault writes back the credentials the request carried
 * (Authorization, x-api-key), as misbehaving upstreams and proxies do: the error
 * body (message and error type), the status line's reason phrase, or an error event
 * inside a 200 stream after `after_tokens` tokens.
 */
export const ECHO_PLACES = ['body', 'status_text', 'stream'] as const;
export type EchoWhere = (typeof ECHO_PLACES)[number];

export type FaultKind = Fault['kind'];

const FIELDS: Record<FaultKind, string[]> = {
  status: ['status', 'retry_after_s', 'rate', 'times'],
  refuse: [],
  stall_headers: ['ms', 'rate', 'times'],
  stall_first_token: ['ms', 'rate', 'times'],
  cut: ['after_tokens', 'rate', 'times'],
  malformed: ['rate', 'times'],
  slow: ['factor', 'rate', 'times'],
  echo_key: ['where', 'status', 'after_tokens', 'rate', 'times'],
};

export const FAULT_KINDS = Object.keys(FIELDS) as FaultKind[];

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

type Check = (value: unknown) => boolean;
const isInt = (min: number, max = Number.MAX_SAFE_INTEGER): Check => (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isNum = (min: number, max = Number.MAX_VALUE): Check => (v) =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

const RULES: Record<string, { check: Check; allowed: string }> = {
  status: { check: isInt(400, 599), allowed: 'an integer HTTP status from 400 to 599 (e.g. 429, 500, 503, 529)' },
  retry_after_s: { check: isInt(0), allowed: 'a non-negative integer number of seconds' },
  ms: { check: isInt(0, 600_000), allowed: 'an integer number of milliseconds from 0 to 600000' },
  after_tokens: { check: isInt(0), allowed: 'a non-negative integer' },
  factor: { check: isNum(1, 1000), allowed: 'a number from 1 to 1000' },
  rate: { check: isNum(0, 1), allowed: 'a number from 0 to 1' },
  times: { check: isInt(1), allowed: 'a positive integer' },
  where: { check: (v) => typeof v === 'string' && (ECHO_PLACES as readonly string[]).includes(v), allowed: `one of: ${ECHO_PLACES.join(', ')}` },
};

const REQUIRED: Partial<Record<FaultKind, string>> = {
  status: 'status',
  stall_headers: 'ms',
  stall_first_token: 'ms',
  cut: 'after_tokens',
  slow: 'factor',
  echo_key: 'where',
};

/** Validates a fault from the control API; the message names the field and what it accepts. */
export function parseFault(input: unknown): ParseResult<Fault> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, message: 'fault must be a JSON object such as {"kind":"status","status":503}' };
  }
  const body = input as Record<string, unknown>;
  const kind = body['kind'];
  if (typeof kind !== 'string' || !(kind in FIELDS)) {
    return { ok: false, message: `fault.kind must be one of: ${FAULT_KINDS.join(', ')}` };
  }
  const allowed = FIELDS[kind as FaultKind];
  for (const field of Object.keys(body)) {
    if (field === 'kind') continue;
    if (!allowed.includes(field)) {
      const list = allowed.length ? allowed.join(', ') : 'none';
      return { ok: false, message: `fault.${field} is not allowed for kind '${kind}' (allowed fields: ${list})` };
    }
    const rule = RULES[field];
    if (rule && !rule.check(body[field])) {
      return { ok: false, message: `fault.${field} must be ${rule.allowed}` };
    }
  }
  const required = REQUIRED[kind as FaultKind];
  if (required && body[required] === undefined) {
    const rule = RULES[required];
    return { ok: false, message: `fault.${required} is required for kind '${kind}' and must be ${rule?.allowed ?? 'set'}` };
  }
  return { ok: true, value: { ...body } as Fault };
}

/**
 * Holds the current fault of one provider. The PRNG is re-seeded whenever a fault
 * is set, so the same seed gives the same hit/miss sequence after each PUT.
 */
export class FaultSlot {
  #fault: Fault | undefined;
  #random: () => number;

  constructor(private readonly makeRandom: () => () => number) {
    this.#random = makeRandom();
  }

  get current(): Fault | undefined {
    return this.#fault;
  }

  set(fault: Fault): void {
    this.#fault = { ...fault };
    this.#random = this.makeRandom();
  }

  clear(): void {
    this.#fault = undefined;
  }

  /** The fault to apply to this request, if any. `refuse` acts on the listener, not here. */
  take(): Fault | undefined {
    const fault = this.#fault;
    if (!fault || fault.kind === 'refuse') return undefined;
    const draw = this.#random();
    if (draw >= (fault.rate ?? 1)) return undefined;
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) this.#fault = undefined;
    }
    return fault;
  }
}
