/**
 * The tarball npm would publish (`npm pack --dry-run --json`): every node and
 * credential of the n8n section with its codex and icons, README, LICENSE,
 * and no source maps, sources or tests; an unbuilt tree is caught, and its
 * prepack builds it. The package.json says what is true.
 */
import { execFileSync } from 'child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

const ROOT = resolve(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { packedFiles, packageProblems, requiredFiles } = require('../../scripts/package-contents.js') as {
	packedFiles(dir?: string): string[];
	packageProblems(files: string[], dir?: string): string[];
	requiredFiles(dir?: string): string[];
};
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** A copy of what a fresh clone has for building and packing, without dist/. */
function unbuiltCopy(): string {
	const dir = mkdtempSync(join(tmpdir(), 'unbuilt-'));
	for (const entry of ['package.json', 'README.md', 'LICENSE', 'tsconfig.json', 'tsconfig.build.json', 'gulpfile.js', '.npmrc', 'nodes', 'credentials', 'icons']) {
		cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
	}
	symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
	return dir;
}

describe('npm pack', () => {
	it('holds every node, codex, credential and icon, README and LICENSE, and nothing else', () => {
		const files = packedFiles();
		expect(packageProblems(files)).toEqual([]);
		expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/icons/ghl.svg', 'dist/icons/seventeenHats.dark.svg']));
		for (const node of pkg.n8n.nodes as string[]) expect(requiredFiles()).toContain(node.replace(/\.js$/, '.json'));
		expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
	});

	it('of an unbuilt tree is reported as incomplete rather than passing as a 2-file package', () => {
		const dir = unbuiltCopy();
		try {
			const files = packedFiles(dir);
			expect(files).toEqual(['LICENSE', 'README.md', 'package.json']);
			const problems = packageProblems(files, dir);
			for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(problems).toContain(`missing ${file}`);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('with lifecycle scripts on (npm pack --ignore-scripts=false), prepack builds first', () => {
		const dir = unbuiltCopy();
		try {
			const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts=false', '--loglevel=error'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
			const files = (JSON.parse(out.slice(out.indexOf('[\n'))) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path);
			expect(packageProblems(files, dir)).toEqual([]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}, 180_000);
});

describe('package.json', () => {
	it('says what is true: self-hosted (not strict / Cloud), a real main or none, no invented repository', () => {
		expect(pkg.n8n.strict).toBe(false);
		if (pkg.main !== undefined) expect(requiredFiles()).toContain(pkg.main);
		expect(pkg.repository).toBeUndefined();
		expect(JSON.stringify(pkg)).not.toMatch(/github\.com\/n8n-nodes-ghl-17hats/);
		expect(pkg.license).toBe('MIT');
		expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
	});
});
