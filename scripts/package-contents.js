// What the published tarball must hold, checked on npm's own file list: every
// node and credential the package.json n8n section names, each node's codex
// (.node.json), every icon a node or credential points at, README, LICENSE and
// package.json; and nothing else: no source maps, no sources, no tests, nothing
// outside dist/. Used by test/package/pack.test.ts and scripts/scan-package.mjs.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const TOP_LEVEL = new Set(['package.json', 'README.md', 'LICENSE']);

/** The files `npm pack` would put in the tarball of `dir` (nothing is built or written). */
function packedFiles(dir = ROOT) {
	// --ignore-scripts: list what is there now; a prepack build would hide a missing one.
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error'], { cwd: dir, encoding: 'utf8' });
	return JSON.parse(out)[0].files.map((f) => f.path).sort();
}

/** `file:../../icons/x.svg` (or a light/dark pair) relative to a built file → package paths. */
function iconPaths(icon, builtFile) {
	const values = typeof icon === 'string' ? [icon] : Object.values(icon ?? {});
	return values.filter((v) => typeof v === 'string' && v.startsWith('file:')).map((v) => path.posix.normalize(path.posix.join(path.posix.dirname(builtFile), v.slice(5))));
}

/** The first exported class of a built module, instantiated. */
function instantiate(dir, file) {
	const mod = require(path.join(dir, file));
	const Type = Object.values(mod).find((v) => typeof v === 'function');
	if (!Type) throw new Error(`${file} exports no class`);
	return new Type();
}

/** Files the n8n section of `dir`'s package.json makes necessary (read from the built package in `dir`). */
function requiredFiles(dir = ROOT) {
	const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
	const required = new Set(TOP_LEVEL);
	for (const file of pkg.n8n.nodes) {
		required.add(file);
		required.add(file.replace(/\.js$/, '.json'));
		if (!fs.existsSync(path.join(dir, file))) continue; // reported as missing; nothing to read
		const node = instantiate(dir, file);
		const description = node.nodeVersions ? node.nodeVersions[node.currentVersion].description : node.description;
		iconPaths(description.icon, file).forEach((p) => required.add(p));
	}
	for (const file of pkg.n8n.credentials) {
		required.add(file);
		if (!fs.existsSync(path.join(dir, file))) continue;
		iconPaths(instantiate(dir, file).icon, file).forEach((p) => required.add(p));
	}
	return [...required].sort();
}

/** What is wrong with a tarball's file list; empty when it is right. */
function packageProblems(files, dir = ROOT) {
	const present = new Set(files);
	const problems = requiredFiles(dir)
		.filter((f) => !present.has(f))
		.map((f) => `missing ${f}`);
	for (const f of files) {
		if (f.endsWith('.map')) problems.push(`source map ${f}`);
		else if (/(^|\/)(test|tests|__tests__)\/|\.test\.[jt]s$/.test(f)) problems.push(`test file ${f}`);
		else if (/\.ts$/.test(f) && !f.endsWith('.d.ts')) problems.push(`source file ${f}`);
		else if (!f.startsWith('dist/') && !TOP_LEVEL.has(f)) problems.push(`outside dist/: ${f}`);
	}
	return problems;
}

module.exports = { packedFiles, requiredFiles, packageProblems };
