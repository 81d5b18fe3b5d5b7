// `npm test`: build what is stale, install the system tools the tests drive, then run
// every suite (vitest: unit and integration; Playwright: the PWA in Chromium) and end
// with one line of totals. Extra arguments go to vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules/.bin', name);
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

for (const step of [['scripts/build-if-stale.mjs'], ['scripts/ensure-test-tools.mjs']]) {
  if (run(process.execPath, step) !== 0) process.exit(1);
}
// The sources were typechecked by the build; the tests are typechecked here (vitest only strips types).
if (run(bin('tsc'), ['-p', 'tsconfig.tests.json']) !== 0) {
  console.log('\n0 passed, 1 failed (the tests do not typecheck: npx tsc -p tsconfig.tests.json)');
  process.exit(1);
}

const reports = mkdtempSync(join(tmpdir(), 'ballast-tests-'));
const vitestJson = join(reports, 'vitest.json');
const playwrightJson = join(reports, 'playwright.json');
const filter = process.argv.slice(2);

const vitestStatus = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`, ...filter]);
// A file filter narrows the run to vitest.
const playwrightStatus = filter.length > 0 ? 0 : run(bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests + v.numTodoTests;
} else failed += 1;
if (filter.length === 0) {
  if (existsSync(playwrightJson)) {
    const p = JSON.parse(readFileSync(playwrightJson, 'utf8')).stats;
    passed += p.expected + p.flaky;
    failed += p.unexpected;
    skipped += p.skipped;
  } else failed += 1;
}
if ((vitestStatus !== 0 || playwrightStatus !== 0) && failed === 0) failed = 1; // a suite that broke before reporting
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
