/**
 * The prompts `ballast load` sends: a fixed set of N distinct prompts, each request
 * either repeating one already sent (a cache can answer it) or sending the next unsent
 * one. Seeded, so a run can be replayed.
 */

/** mulberry32: small, fast, good enough to pick prompts. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPICS = ['the waterline', 'a failover drill', 'error budgets', 'travel mode', 'p95 latency', 'prompt caching', 'cost per request', 'a bypass switch'];

export interface PickedPrompt {
  text: string;
  /** This prompt was sent before in the run. */
  repeat: boolean;
  stream: boolean;
}

export class PromptMix {
  #sent = 0;
  readonly #random: () => number;

  constructor(
    private readonly distinct: number,
    private readonly repeatShare: number,
    private readonly streamShare: number,
    seed: number,
    /** Makes the run's prompts its own, so a cache warmed by an earlier run does not answer them. */
    private readonly runTag: string,
  ) {
    this.#random = seededRandom(seed);
  }

  /** Distinct prompts sent so far. */
  get distinctSent(): number {
    return this.#sent;
  }

  next(): PickedPrompt {
    const wantRepeat = this.#sent > 0 && this.#random() < this.repeatShare;
    const repeat = wantRepeat || this.#sent >= this.distinct;
    const index = repeat ? Math.floor(this.#random() * this.#sent) : this.#sent++;
    const stream = this.#random() < this.streamShare;
    return { text: this.#text(index), repeat, stream };
  }

  #text(i: number): string {
    return `[ballast load ${this.runTag} #${i}] In two sentences, what should a client know about ${TOPICS[i % TOPICS.length]}?`;
  }
}
