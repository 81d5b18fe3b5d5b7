#!/usr/bin/env node
// The ballast CLI. Runs the compiled router (npm start and npm test build it).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/router/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('ballast: not built yet; run "npm run build" (npm start does it for you)\n');
  process.exit(1);
}
const { main } = await import(cli.href);
const code = await main(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
