#!/usr/bin/env node
// n8n's community package scanner (@n8n/scan-community-package), run here.
// Its CLI only scans packages already on npm (it downloads them, checks npm
// provenance, then lints the attested source and the tarball), so this runs
// its analysis on the two things it would lint, with the same rules and file
// patterns and inline eslint-disable comments ignored:
//   --source   nodes/, credentials/ and package.json of this checkout
//   --tarball  the package as `npm pack` makes it (needs `npm run build`),
//              whose file list must also be complete (scripts/package-contents.js)
// Without a flag, both. Exit 1 on any violation.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { packageProblems } = require('./package-contents.js');

/** The scanner's patterns for the published artifact (scanner.mjs, analyzePackageByName). */
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

const args = process.argv.slice(2);
const legs = args.length === 0 ? ['--source', '--tarball'] : args;

function report(label, result) {
	if (result.passed) {
		console.log(`scanner, ${label}: passed`);
		return true;
	}
	console.error(`scanner, ${label}: ${result.message}`);
	if (result.details) console.error(result.details);
	return false;
}

let passed = true;
if (legs.includes('--source')) passed = report('source', await analyzePackage(ROOT, SOURCE_FILE_PATTERNS)) && passed;

if (legs.includes('--tarball')) {
	const work = mkdtempSync(join(tmpdir(), 'scan-package-'));
	try {
		// --ignore-scripts: scan what was built; a prepack build here would hide a stale dist/.
		execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work, '--loglevel=error'], { cwd: ROOT, stdio: 'pipe' });
		const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
		const unpacked = join(work, 'package');
		execFileSync('tar', ['-xzf', join(work, tarball), '-C', work]);
		const files = execFileSync('find', ['.', '-type', 'f'], { cwd: unpacked, encoding: 'utf8' })
			.split('\n')
			.filter(Boolean)
			.map((f) => f.replace(/^\.\//, ''))
			.sort();
		// What must be there is read from the built checkout the tarball was packed from.
		const problems = packageProblems(files, ROOT);
		if (problems.length > 0) {
			console.error(`tarball ${tarball}: ${problems.length} problem(s) (run npm run build first?)\n  ${problems.slice(0, 20).join('\n  ')}`);
			passed = false;
		} else {
			console.log(`tarball ${tarball}: ${files.length} files, complete`);
		}
		passed = report(`tarball ${tarball}`, await analyzePackage(unpacked, TARBALL_PATTERNS)) && passed;
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

process.exit(passed ? 0 : 1);
