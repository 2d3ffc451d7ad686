/**
 * A clone needs nothing beside it: the sandbox reads HighLevel's reference
 * from the committed extract, and the generators (the only readers of the
 * full reference) check their outputs when the reference is there and say
 * "skipped: reference absent" when it is not. Every --check checks.
 */
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

const ROOT = resolve(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const GENERATORS = ['generate-ghl-scopes.js', 'generate-ghl-webhook-events.js', 'extract-ghl-spec.js', 'extract-ghl-reference.js'];

let empty: string;
beforeAll(() => {
	empty = mkdtempSync(join(tmpdir(), 'no-ghl-reference-'));
});
afterAll(() => rmSync(empty, { recursive: true, force: true }));

describe('the sandbox without HighLevel\'s reference beside the clone', () => {
	it('reads scopes, specs and webhook events from the committed extract alone', () => {
		// As in a fresh clone: nothing under ../shared, no GHL_REFERENCE_DIR.
		const outside = resolve(ROOT, '..', 'shared');
		const hidden = (p: unknown) => typeof p === 'string' && resolve(p).startsWith(outside);
		const enoent = (p: string) => Object.assign(new Error(`ENOENT: no such file or directory, '${p}'`), { code: 'ENOENT' });
		const saved = process.env.GHL_REFERENCE_DIR;
		delete process.env.GHL_REFERENCE_DIR;
		try {
			jest.isolateModules(() => {
				jest.doMock('fs', () => {
					const real = jest.requireActual<typeof import('fs')>('fs');
					return {
						...real,
						existsSync: (p: string) => !hidden(p) && real.existsSync(p),
						readFileSync: (p: string, ...rest: unknown[]) => {
							if (hidden(p)) throw enoent(p);
							return (real.readFileSync as (...a: unknown[]) => unknown)(p, ...rest);
						},
						readdirSync: (p: string, ...rest: unknown[]) => {
							if (hidden(p)) throw enoent(p);
							return (real.readdirSync as (...a: unknown[]) => unknown)(p, ...rest);
						},
					};
				});
				// eslint-disable-next-line @typescript-eslint/no-require-imports
				const reference = require('../../sandbox/ghl/reference') as typeof import('../../sandbox/ghl/reference');
				expect(reference.loadScopes().find((s) => s.scope === 'contacts.write')?.endpoints).toContain('POST /contacts/');
				expect(reference.listWebhookEvents()).toHaveLength(58);
				expect(reference.loadWebhookEvent('InvoicePaid').example).toMatchObject({ status: 'paid' });
				expect(reference.loadWebhookEvent('ContactCreate').schema?.properties).toHaveProperty('email');
				for (const spec of reference.SPEC_FILES) expect(Object.keys(reference.loadSpec(spec).paths).length).toBeGreaterThan(0);
				expect(reference.loadCommonSchemas().components?.schemas).toHaveProperty('BadRequestDTO');
			});
		} finally {
			jest.dontMock('fs');
			if (saved !== undefined) process.env.GHL_REFERENCE_DIR = saved;
		}
	});
});

describe('generators', () => {
	it.each(GENERATORS)('%s --check says "skipped: reference absent" and exits 0 without the reference', (script) => {
		const out = execFileSync(process.execPath, [join(ROOT, 'scripts', script), '--check'], {
			env: { ...process.env, GHL_REFERENCE_DIR: empty },
			encoding: 'utf8',
		});
		expect(out).toMatch(/skipped: reference absent/);
	});

	it.each(GENERATORS)('%s refuses to regenerate without the reference (exit 1)', (script) => {
		const run = spawnSync(process.execPath, [join(ROOT, 'scripts', script)], { env: { ...process.env, GHL_REFERENCE_DIR: empty }, encoding: 'utf8' });
		expect(run.status).toBe(1);
		expect(run.stderr).toMatch(/reference not found/);
	});

	it.each(GENERATORS)('%s --check passes on the committed outputs (verifies where the reference is present)', (script) => {
		expect(() => execFileSync(process.execPath, [join(ROOT, 'scripts', script), '--check'], { stdio: 'pipe' })).not.toThrow();
	});

	it('docs:mapping --check checks and does not write', () => {
		const doc = join(ROOT, 'docs', 'mapping.md');
		const before = statSync(doc).mtimeMs;
		const out = execFileSync(TSX, [join(ROOT, 'scripts', 'generate-mapping-docs.ts'), '--check'], { encoding: 'utf8' });
		expect(out).toMatch(/up to date/);
		expect(statSync(doc).mtimeMs).toBe(before);
	});
});

describe('writeOrCheck', () => {
	/** Runs writeOrCheck in a child (it exits the process), with or without --check. */
	function run(dir: string, outputs: Record<string, string>, check: boolean) {
		const code = `require(${JSON.stringify(join(ROOT, 'scripts', 'generated.js'))}).writeOrCheck({ label: 'T', command: 'regen', outputs: ${JSON.stringify(outputs)}, ownedDirs: [${JSON.stringify(dir)}] })`;
		return spawnSync(process.execPath, ['-e', code, ...(check ? ['--', '--check'] : [])], { encoding: 'utf8' });
	}

	it('fails on a changed, a missing or a leftover file; regeneration fixes all three', () => {
		const dir = mkdtempSync(join(tmpdir(), 'write-or-check-'));
		try {
			const a = join(dir, 'a.json');
			const b = join(dir, 'sub', 'b.json');
			const outputs = { [a]: 'A\n', [b]: 'B\n' };
			expect(run(dir, outputs, false).status).toBe(0);
			expect(run(dir, outputs, true)).toMatchObject({ status: 0, stdout: 'T: up to date\n' });

			writeFileSync(a, 'changed\n');
			expect(run(dir, outputs, true)).toMatchObject({ status: 1, stderr: expect.stringMatching(/T: stale: .*a\.json; run regen/) });
			rmSync(b);
			mkdirSync(join(dir, 'old'));
			writeFileSync(join(dir, 'old', 'gone.json'), '{}');
			const stale = run(dir, outputs, true);
			expect(stale.status).toBe(1);
			expect(stale.stderr).toMatch(/b\.json/);
			expect(stale.stderr).toMatch(/gone\.json/);
			expect(readFileSync(a, 'utf8')).toBe('changed\n'); // --check never writes

			expect(run(dir, outputs, false).status).toBe(0);
			expect(run(dir, outputs, true).status).toBe(0);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
