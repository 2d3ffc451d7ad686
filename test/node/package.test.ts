import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

import { loadPackage, PACKAGE_ROOT } from '../support/harness';

const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'));

describe('the built package, loaded by n8n-core', () => {
	it('lists the three credential types under names that do not collide with n8n built-ins', async () => {
		const loader = await loadPackage();
		const names = Object.keys(loader.credentialTypes).sort();
		expect(names).toEqual(expect.arrayContaining(['ghlOAuth2Api', 'ghlPrivateIntegrationApi', 'seventeenHatsApi']));
		expect(names).not.toContain('highLevelApi');
		expect(names).not.toContain('highLevelOAuth2Api');
		expect(loader.credentialTypes.ghlOAuth2Api.type.extends).toEqual(['oAuth2Api']);
	});

	it('loads every node the n8n section lists, with a codex and an icon', async () => {
		const loader = await loadPackage();
		expect(Object.keys(loader.nodeTypes).length).toBe(pkg.n8n.nodes.length);
		for (const { type } of Object.values(loader.nodeTypes)) {
			const description = 'description' in type ? type.description : undefined;
			expect(description?.icon ?? description?.iconUrl).toBeDefined();
			expect(description?.codex?.categories?.length).toBeGreaterThan(0);
		}
	});

	it('has every file the n8n section names in dist, plus the icons', () => {
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			expect(existsSync(join(PACKAGE_ROOT, file))).toBe(true);
		}
		for (const icon of ['ghl.svg', 'ghl.dark.svg', 'seventeenHats.svg', 'seventeenHats.dark.svg']) {
			expect(existsSync(join(PACKAGE_ROOT, 'dist', 'icons', icon))).toBe(true);
		}
	});

	it('follows the community package rules: no runtime dependencies, n8n-workflow as peer', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.files).toEqual(['dist', '!dist/**/*.map']);
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
		expect(pkg.n8n.strict).toBe(false); // self-hosted only: see eslint.config.mjs
	});
});
