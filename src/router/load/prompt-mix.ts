/**
 * The prompts `ballast load` sends: a fixed set of N distinct prompts, each request
 * either repeating one already sent (a cache can answer it) or sending the next unsent
 * one. Seeded, so a run can be replayed.
 */
import { mulberry32 } from '../../core/random.js';

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
    this.#random = mulberry32(seed);
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
