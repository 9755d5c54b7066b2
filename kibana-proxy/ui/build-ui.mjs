// Maven's entry point (exec-maven-plugin, generate-resources): install the locked npm packages when
// node_modules is missing or older than package-lock.json (`npm install` of the locked versions), refuse production dependencies with a
// licence outside the allow-list (check-licenses.mjs), then run the Vite build when any input is newer
// than the last build. A no-op build costs well under a second, so `mvn verify` stays fast.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLicenses } from './check-licenses.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const output = join(here, '..', 'target', 'classes', 'io', 'helklab', 'door', 'ui');
const stamp = join(here, '..', 'target', 'hunt-ui.stamp');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`The hunt UI needs Node.js 20.19 or newer (Vite 7); found ${process.version}. Install a newer Node.js `
    + 'or build with -Dhunt.ui.skip=true (the jar then serves the REST API without the browser UI).');
  process.exit(1);
}

function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), info.mtimeMs);
}

function run(...args) {
  console.log(`[hunt-ui] npm ${args.join(' ')}`);
  execFileSync(npm, args, { cwd: here, stdio: 'inherit', shell: process.platform === 'win32' });
}

const installed = join(here, 'node_modules', '.package-lock.json');
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(join(here, 'package-lock.json')).mtimeMs) {
  // `npm install`, not `npm ci`: the registry this project builds from lacks some of rollup's optional
  // packages for other platforms, so the lock file cannot list them and `npm ci` refuses it as out of sync.
  // `npm install` still installs the locked versions.
  run('install', '--no-audit', '--no-fund');
}
try {
  checkLicenses(here);
} catch (refusal) {
  console.error(`[hunt-ui] ${refusal.message}`);
  process.exit(1);
}
const inputs = ['src', 'public', 'index.html', 'vite.config.js', 'package-lock.json', 'build-ui.mjs', 'check-licenses.mjs'].map((name) => join(here, name));
const lastBuild = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (inputs.some((input) => newest(input) > lastBuild) || !existsSync(join(output, 'index.html'))) {
  run('run', 'build', '--', '--logLevel', 'warn');
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
} else {
  console.log('[hunt-ui] up to date');
}
