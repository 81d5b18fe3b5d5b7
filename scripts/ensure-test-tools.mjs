// Installs the system tools the test suite drives for real (promtool from Debian's
// prometheus package, Debian's chromium for Playwright) when they are missing, so `npm test` works on a fresh machine.
import { execFileSync, spawnSync } from 'node:child_process';

const tools = [
  { command: 'promtool', apt: 'prometheus' },
  { command: 'chromium', apt: 'chromium' }, // Playwright drives Debian's build; it cannot download its own here
];
const missing = tools.filter((t) => spawnSync('sh', ['-c', `command -v ${t.command}`]).status !== 0);
if (missing.length > 0) {
  const packages = missing.map((t) => t.apt);
  const root = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (!root || !hasApt) {
    console.error(`The tests need ${missing.map((t) => t.command).join(', ')}: install Debian's ${packages.join(' ')} (apt-get install ${packages.join(' ')}) and run npm test again.`);
    process.exit(1);
  }
  console.log(`Installing ${packages.join(', ')} for the tests (first run)...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
}
