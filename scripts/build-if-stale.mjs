// Builds what is stale before `npm start`: the router (tsc -b is incremental) and the
// PWA (vite build, only when a source file is newer than the last build).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const run = (cmd, args) => execFileSync(join(root, 'node_modules/.bin', cmd), args, { cwd: root, stdio: 'inherit' });

if (!existsSync(join(root, 'node_modules/.bin/tsc'))) {
  console.log('Installing dependencies (first run)...');
  execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}

run('tsc', ['-b']);

const newest = (paths) => {
  let t = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p)) visit(join(p, e));
    else t = Math.max(t, s.mtimeMs);
  };
  paths.forEach((p) => visit(join(root, p)));
  return t;
};
if (process.argv.includes('--no-app')) process.exit(0);

const built = join(root, 'dist/app/index.html');
const sources = newest(['index.html', 'vite.config.ts', 'src/app', 'src/core', 'sw', 'public']);
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  console.log('Building the app...');
  run('vite', ['build', '--logLevel', 'warn']);
}
