/**
 * Holds the harness's port of n8n's authenticate step (`n8nAuthenticate` in
 * harness.ts) to the real one: n8n's `CredentialsHelper` from an installed
 * `n8n` package (scripts/n8n installs n8n 2.40.7 into .cache/n8n) runs next to
 * the port on every credential type of this package and on generic
 * definitions that reach the corners (qs, body, auth, expression keys, empty
 * values, existing headers), and every difference is reported.
 */
import { existsSync } from 'fs';
import { createRequire } from 'module';
import { join } from 'path';

import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INode,
	INodeProperties,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { createHarness, n8nAuthenticate, nodeType, PACKAGE_ROOT } from './harness';

/** node_modules of the n8n that scripts/n8n installs (N8N_VERSION 2.x). */
export const INSTALLED_N8N_MODULES = join(PACKAGE_ROOT, '.cache', 'n8n', 'app', 'node_modules');

export function installedN8n(modulesDir = INSTALLED_N8N_MODULES): boolean {
	return existsSync(join(modulesDir, 'n8n', 'dist', 'credentials-helper.js'));
}

interface RealCredentialsHelper {
	authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions>;
}

/** n8n's CredentialsHelper, built with only the credential types it reads in `authenticate`. */
function realHelper(modulesDir: string, types: Map<string, ICredentialType>): RealCredentialsHelper {
	const load = createRequire(join(modulesDir, 'n8n', 'package.json'));
	// n8n's DI decorators need the metadata polyfill n8n itself loads first.
	load('reflect-metadata');
	const { CredentialsHelper } = load('./dist/credentials-helper.js') as {
		CredentialsHelper: new (credentialTypes: { getByName(name: string): ICredentialType }, ...rest: unknown[]) => RealCredentialsHelper;
	};
	return new CredentialsHelper({
		getByName: (name: string) => {
			const type = types.get(name);
			if (!type) throw new Error(`Unknown credential type "${name}"`);
			return type;
		},
	});
}

/** Generic definitions beyond this package's own, to reach every branch of the step. */
const CORNER_TYPES: ICredentialType[] = [
	{
		name: 'conformanceEverywhere',
		displayName: 'Conformance: every target',
		properties: [],
		authenticate: {
			type: 'generic',
			properties: {
				headers: { 'X-Key': '={{$credentials.apiKey}}', '={{"X-" + $credentials.region}}': 'region-header', 'X-Plain': 'fixed' },
				qs: { api_key: '={{$credentials.apiKey}}', empty: '={{$credentials.missing}}' },
				body: { token: '={{$credentials.apiKey}}', count: '={{$credentials.count}}' },
				auth: { username: '={{$credentials.user}}', password: '={{$credentials.apiKey}}' },
			},
		},
	},
	{
		name: 'conformanceFunction',
		displayName: 'Conformance: function',
		properties: [],
		authenticate: async (credentials, options) => ({
			...options,
			headers: { ...options.headers, 'X-Fn': String(credentials.apiKey) },
		}),
	},
	{ name: 'conformanceNone', displayName: 'Conformance: none', properties: [] },
];

/** Credential values for a type: every string field filled, options at their default. */
function sampleCredentials(properties: INodeProperties[]): ICredentialDataDecryptedObject {
	const data: ICredentialDataDecryptedObject = { apiKey: 'k-123', region: 'Eu', count: 0, user: 'ada', token: 't-456' };
	for (const p of properties) {
		if (p.type === 'string') data[p.name] = p.typeOptions?.password ? `secret-${p.name}` : `value-${p.name}`;
		else if (p.default !== undefined && p.default !== '') data[p.name] = p.default as never;
	}
	return data;
}

const REQUESTS: IHttpRequestOptions[] = [
	{ method: 'GET', url: '/contacts/' },
	{
		method: 'POST',
		url: '/contacts/',
		headers: { Accept: 'application/json', Version: 'old' },
		qs: { page: 2 },
		body: { name: 'x' },
		json: true,
	},
];

export interface ConformanceReport {
	compared: number;
	types: string[];
	differences: string[];
}

/** Runs n8n's real authenticate and the port side by side; `differences` lists each mismatch. */
export async function compareWithRealAuthenticate(modulesDir = INSTALLED_N8N_MODULES): Promise<ConformanceReport> {
	const harness = await createHarness();
	const types = new Map<string, ICredentialType>();
	for (const name of Object.keys(harness.loader.credentialTypes)) types.set(name, harness.credentialTypes.getByName(name));
	for (const type of CORNER_TYPES) types.set(type.name, type);
	const real = realHelper(modulesDir, types);

	const node: INode = {
		id: 'n1',
		name: '17hats',
		type: nodeType('seventeenHats'),
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'account', operation: 'get' },
	};
	const workflow = new Workflow({ id: 'w1', nodes: [node], connections: {}, active: false, nodeTypes: harness.nodeTypes });

	const differences: string[] = [];
	let compared = 0;
	for (const [name, type] of types) {
		const credentials = sampleCredentials(type.properties);
		for (const [index, request] of REQUESTS.entries()) {
			const copy = () => structuredClone(request);
			const settle = async (fn: () => Promise<IHttpRequestOptions>) => {
				try {
					return { value: JSON.parse(JSON.stringify(await fn())) as unknown };
				} catch (error) {
					return { error: (error as Error).message };
				}
			};
			const expected = await settle(async () => await real.authenticate(structuredClone(credentials), name, copy(), workflow, node));
			const actual = await settle(async () => await n8nAuthenticate(type, structuredClone(credentials), copy(), workflow, node));
			compared++;
			if (JSON.stringify(expected) !== JSON.stringify(actual)) {
				differences.push(`${name} request ${index}: n8n ${JSON.stringify(expected)} ≠ port ${JSON.stringify(actual)}`);
			}
		}
	}
	return { compared, types: [...types.keys()], differences };
}
