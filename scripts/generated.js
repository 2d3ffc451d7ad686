// The one mechanism behind every generator in scripts/: where HighLevel's
// reference lives, and "write the outputs, or with --check compare them".
//
// HighLevel's reference (../shared/reference/ghl beside the checkout, or
// $GHL_REFERENCE_DIR) is read ONLY by the generators; everything the package,
// the sandbox and the tests need from it is committed as generated extracts.
// A clone with nothing beside it therefore builds and tests as is, and a
// generator's --check there says "skipped: reference absent" and exits 0.
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const CHECK = process.argv.includes('--check');

/** HighLevel's reference folder, or undefined when it is not there. */
function ghlReferenceDir() {
	const dir = process.env.GHL_REFERENCE_DIR || path.join(ROOT, '..', 'shared', 'reference', 'ghl');
	return fs.existsSync(path.join(dir, 'scopes.json')) ? dir : undefined;
}

/**
 * The reference folder for a generator that needs it. Without it, --check
 * has nothing to compare against: it says so and exits 0; a regeneration
 * cannot run and exits 1.
 */
function requireGhlReference(label) {
	const dir = ghlReferenceDir();
	if (dir) return dir;
	if (CHECK) {
		console.log(`${label}: skipped: reference absent (set GHL_REFERENCE_DIR or place it at ../shared/reference/ghl)`);
		process.exit(0);
	}
	console.error(`${label}: HighLevel's reference not found: set GHL_REFERENCE_DIR or place it at ../shared/reference/ghl`);
	process.exit(1);
}

function listFiles(dir) {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? listFiles(full) : [full];
	});
}

/**
 * Writes `outputs` (absolute path → text) or, with --check, fails (exit 1)
 * when any differs. `ownedDirs` are folders the generator owns whole: a file
 * there that it no longer writes is stale too (and removed on regeneration).
 */
function writeOrCheck({ label, command, outputs, ownedDirs = [] }) {
	const expected = new Map(Object.entries(outputs).map(([file, text]) => [path.resolve(file), text]));
	const leftovers = ownedDirs.flatMap((dir) => listFiles(dir)).filter((file) => !expected.has(path.resolve(file)));
	const rel = (file) => path.relative(ROOT, file);
	if (CHECK) {
		const stale = [...expected].filter(([file, text]) => !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text).map(([file]) => file);
		stale.push(...leftovers);
		if (stale.length > 0) {
			const shown = stale.slice(0, 5).map(rel).join(', ');
			console.error(`${label}: stale: ${shown}${stale.length > 5 ? ` and ${stale.length - 5} more` : ''}; run ${command}`);
			process.exit(1);
		}
		console.log(`${label}: up to date`);
		return;
	}
	for (const file of leftovers) fs.rmSync(file);
	for (const [file, text] of expected) {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, text);
	}
	console.log(`${label}: wrote ${expected.size} file(s)${leftovers.length ? `, removed ${leftovers.length}` : ''} (${[...new Set([...expected.keys()].map((f) => rel(path.dirname(f))))].join(', ')})`);
}

module.exports = { ROOT, CHECK, ghlReferenceDir, requireGhlReference, writeOrCheck };
