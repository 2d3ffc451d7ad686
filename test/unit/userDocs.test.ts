/**
 * What a new user reads is true: the install paths keep the node types the
 * templates use, the docs name the credential ids the templates really use,
 * a command that needs a running sandbox says so, and nobody can miss that
 * 17hats has no public REST API (README and the credential itself).
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, resolve } from 'path';

import type { ICredentialType } from 'n8n-workflow';

const ROOT = resolve(__dirname, '..', '..');
const read = (...parts: string[]) => readFileSync(join(ROOT, ...parts), 'utf8');
const README = read('README.md');
const pkg = JSON.parse(read('package.json')) as { name: string; n8n: { credentials: string[] } };

/** The README section under a `## ` heading, up to the next one. */
function section(heading: string): string {
	const start = README.indexOf(`\n## ${heading}`);
	expect(start).toBeGreaterThan(-1);
	const end = README.indexOf('\n## ', start + 4);
	return README.slice(start, end === -1 ? undefined : end);
}

interface TemplateNode {
	type: string;
	credentials?: Record<string, { id: string; name: string }>;
}

describe('install instructions', () => {
	const install = section('Install in n8n');

	it('use the paths that keep n8n-nodes-ghl-17hats.* (the templates\' node types)', () => {
		expect(install).toMatch(/Community Nodes/);
		expect(install).toContain('~/.n8n/nodes');
		expect(install).toContain('/home/node/.n8n/nodes');
		expect(install).toContain('--legacy-peer-deps');
	});

	it('do not offer ~/.n8n/custom / npm link as a way to run the templates', () => {
		// The custom folder loads nodes as CUSTOM.<name>; a paragraph naming it must say so.
		for (const paragraph of install.split(/\n\s*\n/).filter((p) => /\.n8n\/custom|N8N_CUSTOM_EXTENSIONS|npm link/.test(p))) {
			expect(paragraph).toMatch(/CUSTOM\.<node>/);
		}
		const templates = readdirSync(join(ROOT, 'templates')).filter((f) => f.endsWith('.json'));
		const ours = templates.flatMap((f) => (JSON.parse(read('templates', f)) as { nodes: TemplateNode[] }).nodes).filter((n) => n.type.includes('ghl') || n.type.includes('seventeen'));
		expect(ours.length).toBeGreaterThan(0);
		for (const node of ours) expect(node.type.startsWith(`${pkg.name}.`)).toBe(true);
	});
});

describe('docs/real-n8n.md', () => {
	it('names every credential id (of this package\'s types) that the templates use', () => {
		const doc = read('docs', 'real-n8n.md');
		const ours = new Set(pkg.n8n.credentials.map((f) => f.replace(/^.*\//, '').replace(/\.credentials\.js$/, '')).map((c) => c.charAt(0).toLowerCase() + c.slice(1)));
		const used = new Set<string>();
		for (const file of readdirSync(join(ROOT, 'templates')).filter((f) => f.endsWith('.json'))) {
			for (const node of (JSON.parse(read('templates', file)) as { nodes: TemplateNode[] }).nodes) {
				for (const [type, ref] of Object.entries(node.credentials ?? {})) if (ours.has(type)) used.add(ref.id);
			}
		}
		expect(used.size).toBeGreaterThan(0);
		for (const id of used) expect({ id, named: doc.includes(`\`${id}\``) }).toEqual({ id, named: true });
	});
});

describe('the sandbox', () => {
	it('says where `sandbox -- fire` is shown that it needs a running sandbox', () => {
		for (const text of [README, read('sandbox', 'README.md')]) {
			for (const line of text.split('\n').filter((l) => l.includes('sandbox -- fire'))) {
				const around = text.slice(Math.max(0, text.indexOf(line) - 300), text.indexOf(line) + line.length + 300);
				expect(around).toMatch(/running sandbox|sandbox (must|has to) (be )?running|while `npm run sandbox` runs/i);
			}
		}
	});
});

describe('supported n8n versions', () => {
	/** Every .ts file under a folder. */
	const sources = (dir: string): string[] =>
		readdirSync(dir).flatMap((name) => {
			const full = join(dir, name);
			return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
		});

	it('the README\'s floor table names every runtime n8n-workflow API and helper the nodes use', () => {
		const supported = section('Supported n8n versions');
		const used = new Set<string>();
		for (const file of [...sources(join(ROOT, 'nodes')), ...sources(join(ROOT, 'credentials'))]) {
			const text = readFileSync(file, 'utf8');
			for (const m of text.matchAll(/import\s+\{([^}]*)\}\s+from\s+'n8n-workflow'/g)) {
				for (const spec of m[1].split(',').map((x) => x.trim()).filter(Boolean)) {
					if (!spec.startsWith('type ')) used.add(spec.split(/\s+as\s+/)[0]);
				}
			}
			for (const m of text.matchAll(/\bhelpers\.(\w+)/g)) used.add(`helpers.${m[1]}`);
			// Context members newer than n8n 1.0.
			for (const member of ['customData', 'addExecutionHints']) if (new RegExp(`\\.${member}\\b`).test(text)) used.add(member);
		}
		// Always present since n8n 1.0: not what sets the floor.
		for (const old of ['helpers.httpRequestWithAuthentication']) used.delete(old);
		expect(used.size).toBeGreaterThan(0);
		for (const api of used) expect({ api, listed: supported.includes(`\`${api}\``) }).toEqual({ api, listed: true });
	});
});

describe('17hats has no public REST API, plainly', () => {
	it('the README intro says so and names the contract and the sandbox', () => {
		const intro = README.slice(0, README.indexOf('\n## '));
		expect(intro).toMatch(/17hats publishes no public REST API/);
		expect(intro).toContain('docs/17hats-api.yaml');
		expect(intro).toMatch(/gateway/);
		expect(intro).toMatch(/sandbox/);
	});

	it('the 17hats credential shows it first, with the contract, what to point it at and the sandbox', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { SeventeenHatsApi } = require(join(ROOT, 'dist', 'credentials', 'SeventeenHatsApi.credentials.js')) as { SeventeenHatsApi: new () => ICredentialType };
		const credential = new SeventeenHatsApi();
		const [first] = credential.properties;
		expect(first.type).toBe('notice');
		expect(first.displayName).toMatch(/17hats publishes no public REST API/);
		expect(first.displayName).toContain('docs/17hats-api.yaml');
		expect(first.displayName).toMatch(/gateway/);
		expect(first.displayName).toMatch(/sandbox/);
		expect(credential.documentationUrl ?? '').not.toMatch(/help\.17hats\.com/);
	});
});
