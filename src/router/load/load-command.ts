/**
 * `ballast load`: bounded traffic against a running router, so a drill can be watched
 * on live requests. Ctrl-C stops sending, lets requests in flight finish, and prints
 * the summary; a second Ctrl-C aborts them.
 */
import { LOAD_BOUNDS, LOAD_DEFAULTS, LoadOptionError, loadOptions, type RawLoadFlags } from './load-options.js';
import { progressLine, summarize, summaryText } from './load-report.js';
import { probeRouter, RouterUnreachableError, startLoad } from './run-load.js';

export const LOAD_HELP = `Usage: ballast load [options]

Sends chat requests to a running router at a steady rate for a bounded time, with a
mix of distinct and repeated prompts, some streamed, and prints progress and a summary.

Options:
  --url URL          the router (default ${LOAD_DEFAULTS.url})
  --key-env NAME     environment variable holding the ballast key (default ${LOAD_DEFAULTS.keyEnv};
                     none is needed on loopback when no tenants are configured)
  --rate N           requests per second, ${LOAD_BOUNDS.rate.min} to ${LOAD_BOUNDS.rate.max} (default ${LOAD_DEFAULTS.rate})
  --duration D       how long, e.g. 60s, 5m, 30m; 1s to 2h (default ${LOAD_DEFAULTS.duration})
  --prompts N        distinct prompts in the mix (default ${LOAD_DEFAULTS.prompts})
  --repeat S         share of requests that repeat a prompt already sent, 0-1 or % (default ${LOAD_DEFAULTS.repeat})
  --stream S         share of requests streamed, 0-1 or % (default ${LOAD_DEFAULTS.stream})
  --feature NAME     x-ballast-feature tag on every request
  --concurrency N    most requests in flight, ${LOAD_BOUNDS.concurrency.min}-${LOAD_BOUNDS.concurrency.max} (default ${LOAD_DEFAULTS.concurrency})
  --model GROUP      model group (default ${LOAD_DEFAULTS.model})
  --max-tokens N     max_tokens per request (default ${LOAD_DEFAULTS.maxTokens})
  --seed N           seed of the prompt mix (default: random)
  --json             print the summary as JSON
  -h, --help         show this help

Exit codes: 0 done, 1 the router is unreachable, 2 a bad option, 130 stopped with Ctrl-C.`;

export interface LoadIo {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WriteStream | { write(s: string): boolean; isTTY?: boolean };
  stderr: { write(s: string): boolean };
  /** Registers the Ctrl-C handler; returns its removal. */
  onInterrupt(handler: () => void): () => void;
}

const PLAIN_EVERY_MS = 5000;
const TTY_EVERY_MS = 250;

export async function runLoadCommand(flags: RawLoadFlags, io: LoadIo): Promise<number> {
  let o;
  try {
    o = loadOptions(flags, io.env);
  } catch (err) {
    if (err instanceof LoadOptionError) {
      io.stderr.write(`ballast load: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  try {
    await probeRouter(o.url);
  } catch (err) {
    if (err instanceof RouterUnreachableError) {
      io.stderr.write(`ballast load: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const tty = Boolean(io.stdout.isTTY) && !o.json;
  const log = o.json ? io.stderr : io.stdout;
  log.write(`ballast load: ${o.rate} req/s for ${o.durationMs / 1000} s to ${o.url} (${o.prompts} distinct prompts, ${Math.round(o.repeat * 100)}% repeats, ${Math.round(o.stream * 100)}% streamed${o.feature ? `, feature ${o.feature}` : ''}); Ctrl-C stops\n`);
  const run = startLoad(o);
  let interrupts = 0;
  const removeInterrupt = io.onInterrupt(() => {
    interrupts++;
    if (interrupts === 1) {
      log.write(`${tty ? '\n' : ''}ballast load: stopping; waiting for requests in flight (Ctrl-C again to abort them)\n`);
      run.stop();
    } else run.abort();
  });
  const elapsed = () => performance.now() - run.startedAt;
  const timer = setInterval(
    () => {
      const line = progressLine(run.stats, elapsed(), o.durationMs);
      if (tty) io.stdout.write(`\r\x1b[2K${line}`);
      else log.write(`${line}\n`);
    },
    tty ? TTY_EVERY_MS : PLAIN_EVERY_MS,
  );
  const { stopped, elapsedMs } = await run.done;
  clearInterval(timer);
  removeInterrupt();
  if (tty) io.stdout.write(`\r\x1b[2K${progressLine(run.stats, elapsedMs, o.durationMs)}\n`);
  const summary = summarize(run.stats, o.url, elapsedMs, run.distinct(), stopped);
  if (o.json) io.stdout.write(`${JSON.stringify(summary)}\n`);
  else io.stdout.write(`${summaryText(summary)}\n`);
  if (run.stats.networkErrors > 0) {
    io.stderr.write(`ballast load: ${run.stats.networkErrors} of ${run.stats.sent} requests could not reach the router (${run.stats.lastNetworkError ?? 'network error'}); is it still running at ${o.url}?\n`);
    return 1;
  }
  return stopped ? 130 : 0;
}
