/**
 * The one error a bad configuration raises: where it came from and every problem,
 * each naming the key and what to do. The CLI prints its message, never a stack.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source} is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
