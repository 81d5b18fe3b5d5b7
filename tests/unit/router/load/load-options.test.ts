import { describe, expect, it } from 'vitest';
import { LoadOptionError, loadOptions } from '../../../../src/router/load/load-options.js';
import { PromptMix } from '../../../../src/router/load/prompt-mix.js';

const refuse = (flags: Record<string, string>, env: NodeJS.ProcessEnv = {}) => {
  try {
    loadOptions(flags, env);
  } catch (err) {
    expect(err).toBeInstanceOf(LoadOptionError);
    return (err as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(flags)}`);
};

describe('ballast load options', () => {
  it('defaults and parses durations and shares', () => {
    const o = loadOptions({ duration: '5m', repeat: '30%', stream: '0.5', rate: '2.5' }, { BALLAST_API_KEY: 'bk-1' });
    expect(o).toMatchObject({ url: 'http://127.0.0.1:4100', durationMs: 300_000, repeat: 0.3, stream: 0.5, rate: 2.5, key: 'bk-1', concurrency: 32 });
    expect(loadOptions({ duration: '90' }, {}).durationMs).toBe(90_000);
  });

  it('refuses what is out of bounds, naming the flag and the range', () => {
    expect(refuse({ rate: '5000' })).toMatch(/^--rate 5000: must be from 0\.1 to 200 \(the upper bound/);
    expect(refuse({ duration: '3h' })).toMatch(/^--duration 3h: must be from 1s to 2h/);
    expect(refuse({ duration: 'forever' })).toMatch(/^--duration forever: expected a duration/);
    expect(refuse({ concurrency: '0' })).toMatch(/^--concurrency 0: must be from 1 to 512/);
    expect(refuse({ repeat: '1.5' })).toMatch(/^--repeat 1\.5: expected a share/);
    expect(refuse({ prompts: '2.5' })).toMatch(/^--prompts 2\.5: expected a whole number/);
    expect(refuse({ url: 'ftp://x' })).toMatch(/^--url/);
    expect(refuse({ 'key-env': 'MY_KEY' })).toMatch(/MY_KEY is not set/);
  });
});

describe('the prompt mix', () => {
  it('sends at most N distinct prompts, repeats about the asked share, and replays with the same seed', () => {
    const run = (seed: number) => {
      const mix = new PromptMix(20, 0.3, 0.25, seed, 'tag');
      return Array.from({ length: 400 }, () => mix.next());
    };
    const a = run(42);
    expect(new Set(a.map((p) => p.text)).size).toBe(20);
    expect(a.slice(0, 20).filter((p) => p.repeat).length).toBeLessThan(15);
    const streamed = a.filter((p) => p.stream).length / a.length;
    expect(streamed).toBeGreaterThan(0.15);
    expect(streamed).toBeLessThan(0.35);
    expect(run(42)).toEqual(a);
  });
});
