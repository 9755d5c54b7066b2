// Fails the build when a package that ends up in the browser bundle (any non-dev entry of package-lock.json)
// carries a licence outside the allow-list. HELK lab ships the built UI inside its Apache-2.0 jar, so
// copyleft (GPL, AGPL), source-available (SSPL, Elastic License) and unlabelled packages must not slip in
// through a new dependency or a transitive upgrade. Run by build-ui.mjs; also runnable alone: node check-licenses.mjs
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ALLOWED = new Set(['MIT', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', 'ISC', '0BSD']);

// An SPDX expression is acceptable when one of its OR alternatives has only allowed licences joined by AND.
export function acceptable(expression) {
  if (typeof expression !== 'string' || !expression.trim()) return false;
  return expression.replace(/[()]/g, ' ').split(/\s+OR\s+/i)
    .some((alternative) => alternative.split(/\s+AND\s+/i).every((name) => ALLOWED.has(name.trim())));
}

// Old manifests spell the licence as {type} or as a list of them; a list must be allowed as a whole.
function licenceOf(manifest) {
  if (manifest.license) return typeof manifest.license === 'string' ? manifest.license : manifest.license.type;
  if (Array.isArray(manifest.licenses)) return manifest.licenses.map((entry) => entry.type || entry).join(' AND ');
  return undefined;
}

// The installed package.json is the evidence when present; the lock file's copy of it otherwise.
export function refusedPackages(uiDirectory) {
  const lock = JSON.parse(readFileSync(join(uiDirectory, 'package-lock.json'), 'utf8'));
  const refused = [];
  for (const [path, entry] of Object.entries(lock.packages || {})) {
    if (path === '' || entry.dev || entry.link) continue;
    const installed = join(uiDirectory, path, 'package.json');
    const manifest = existsSync(installed) ? JSON.parse(readFileSync(installed, 'utf8')) : entry;
    const licence = licenceOf(manifest);
    if (!acceptable(licence)) {
      refused.push(`${path.replace(/^.*node_modules\//, '')}@${manifest.version || entry.version}: ${licence ?? 'no licence declared'}`);
    }
  }
  return refused;
}

export function checkLicenses(uiDirectory) {
  const refused = refusedPackages(uiDirectory);
  if (refused.length) {
    throw new Error(`The hunt UI's production dependencies include licences outside the allow-list (${[...ALLOWED].join(', ')}):\n  `
      + `${refused.join('\n  ')}\nHELK lab ships this bundle in an Apache-2.0 jar. Replace the package (or whatever pulls it in, `
      + "see 'npm explain <package>' in kibana-proxy/ui), or move it to devDependencies if the browser does not need it.");
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    checkLicenses(fileURLToPath(new URL('.', import.meta.url)));
    console.log('[hunt-ui] production dependency licences: all allowed');
  } catch (refusal) {
    console.error(`[hunt-ui] ${refusal.message}`);
    process.exit(1);
  }
}
