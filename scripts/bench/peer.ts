/**
 * Side by side on one fake GHL at HighLevel's own limit (100 requests / 10 s
 * per location): the same backfill (get N contacts by id) with n8n's
 * built-in HighLevel node (v2) and with this package's nodes, all through
 * n8n-core's engine. The built-in node's requests go to the fake GHL through
 * `redirectGhlTo` (it hard-codes GHL's production URL).
 */
import type { IConnections, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { resetBuckets } from '../../dist/nodes/common/rateLimiter';
import type { WindowKind } from '../../sandbox/common/rateLimit';
import { startGhlSandbox } from '../../sandbox/ghl';
import { startHatsSandbox } from '../../sandbox/hats';
import { coreNodes, createHarness, nodeType, type TestNode, type WorkflowRunResult } from '../../test/support/harness';
import { GHL_PRODUCTION_ORIGIN, redirectGhlTo } from './ghlRedirect';
import { maxInAnyWindow, pctOfCeiling } from './measure';
import { httpCall, serverRequests, setServerLimit, viewOf } from './sandboxes';

export interface PeerSettings {
	items: number;
	/** HighLevel's documented limit unless told otherwise. */
	limit: number;
	windowMs: number;
	kind: WindowKind;
}

export const GHL_DOCUMENTED_LIMIT = { limit: 100, windowMs: 10_000 };

export interface PeerRow {
	key: 'builtin' | 'builtinRetry' | 'naive' | 'ours' | 'oursSync';
	label: string;
	items: number;
	succeeded: number;
	failed: number;
	/** GHL requests the server saw, and how many it answered 429. */
	requests: number;
	http429: number;
	maxInAnyWindow: number;
	wallMs: number;
	/** Only for runs where every item succeeded. */
	pctOfCeiling: number | null;
	/** The error the workflow stopped with, if it did. */
	error?: string;
}

/**
 * A `highLevelOAuth2Api` credential (the one the built-in HighLevel v2 node
 * uses) as n8n stores it after the OAuth2 dance, carrying a token the fake
 * GHL accepts.
 */
export function builtinHighLevelCredentials(accessToken: string, locationId: string): IDataObject {
	return {
		grantType: 'authorizationCode',
		authUrl: 'https://marketplace.leadconnectorhq.com/oauth/chooselocation',
		accessTokenUrl: `${GHL_PRODUCTION_ORIGIN}/oauth/token`,
		clientId: 'bench-client-id',
		clientSecret: 'bench-client-secret',
		scope: 'contacts.readonly contacts.write',
		authentication: 'body',
		oauthTokenData: {
			access_token: accessToken,
			refresh_token: 'bench-refresh-token',
			token_type: 'Bearer',
			locationId,
			scope: 'contacts.readonly contacts.write',
		},
	};
}

const BUILTIN = 'HighLevel';
const OURS = 'GHL';
const SYNC = 'GHL to 17hats Sync';
const LOOP = 'Loop Over Items';
const START = 'Start';

const builtinNode = (extra: Partial<TestNode> = {}): TestNode => ({
	name: BUILTIN,
	type: 'n8n-nodes-base.highLevel',
	typeVersion: 2,
	parameters: { resource: 'contact', operation: 'get', contactId: '={{ $json.id }}' },
	...extra,
});

const oursNode: TestNode = {
	name: OURS,
	type: nodeType('ghl'),
	parameters: { resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
};

/** Every item a node put out, over all its runs (a loop runs it once per batch). */
function allItems(result: WorkflowRunResult, node: string): INodeExecutionData[] {
	return (result.run.data.resultData.runData[node] ?? []).flatMap((run) => run.data?.main?.[0] ?? []);
}

const succeededIn = (items: INodeExecutionData[]) =>
	items.filter((item) => item.json.error === undefined && item.json.action !== 'failed').length;

/** Creates `count` contacts in the fake GHL (with its limit lifted meanwhile) and returns their ids. */
async function seedContacts(url: string, token: string, locationId: string, count: number): Promise<string[]> {
	const ids: string[] = [];
	for (let start = 0; start < count; start += 25) {
		const batch = Array.from({ length: Math.min(25, count - start) }, async (_, k) => {
			const i = start + k;
			const res = await httpCall(
				`${url}/contacts/`,
				'POST',
				{ Authorization: `Bearer ${token}`, Version: '2021-07-28', 'Content-Type': 'application/json' },
				JSON.stringify({ locationId, firstName: `Bench${i}`, lastName: 'Contact', email: `bench${i}@example.com`, phone: `+1555${String(i).padStart(7, '0')}` }),
			);
			if (res.status !== 201) throw new Error(`Seeding contact ${i}: HTTP ${res.status} ${res.body}`);
			return (JSON.parse(res.body) as { contact: { id: string } }).contact.id;
		});
		ids.push(...(await Promise.all(batch)));
	}
	return ids;
}

export async function runPeer(settings: PeerSettings, only?: Array<PeerRow['key']>): Promise<PeerRow[]> {
	const ghl = await startGhlSandbox({ port: 0, rateLimit: { max: 1_000_000, windowMs: settings.windowMs } });
	// 17hats is not what is compared: its limit stays out of the way.
	const hats = await startHatsSandbox({ port: 0, seed: false, rateLimit: { max: 1_000_000, windowMs: 60_000 } });
	const undoRedirect = await redirectGhlTo(ghl.url);
	try {
		const ids = await seedContacts(ghl.url, ghl.token, ghl.locationId, settings.items);
		const input = ids.map((id) => ({ json: { id } }));
		const harness = await createHarness({ extraPackages: [coreNodes('highLevel', 'splitInBatches', 'noOp')] });
		const credentials = {
			highLevelOAuth2Api: builtinHighLevelCredentials(ghl.token, ghl.locationId),
			ghlPrivateIntegrationApi: { token: ghl.token, locationId: ghl.locationId, scopes: [], baseUrl: ghl.url },
			seventeenHatsApi: { apiKey: hats.apiKey, baseUrl: hats.url, scopes: [] },
		};

		const rows: PeerRow[] = [];
		const run = async (
			key: PeerRow['key'],
			label: string,
			nodes: TestNode[],
			countAt: string,
			connections: IConnections = {},
		): Promise<void> => {
			if (only && !only.includes(key)) return;
			// Fresh windows at the server and in this process: no row inherits another's spending.
			await setServerLimit(ghl.url, { max: settings.limit, windowMs: settings.windowMs, kind: settings.kind });
			await serverRequests(ghl.url, true);
			resetBuckets();
			const started = Date.now();
			const result = await harness.runWorkflow({ nodes, connections, input, credentials: credentials as never });
			const wallMs = Date.now() - started;
			const view = viewOf(await serverRequests(ghl.url, true));
			const stoppedWith = result.error();
			const succeeded = stoppedWith ? 0 : succeededIn(allItems(result, countAt));
			const failed = settings.items - succeeded;
			rows.push({
				key,
				label,
				items: settings.items,
				succeeded,
				failed,
				requests: view.requests,
				http429: view.http429,
				maxInAnyWindow: maxInAnyWindow(view.times, settings.windowMs),
				wallMs,
				pctOfCeiling: failed === 0 ? pctOfCeiling(settings.items, settings.limit, settings.windowMs, wallMs) : null,
				error: stoppedWith?.message,
			});
		};

		await run('builtin', 'n8n HighLevel v2, defaults', [builtinNode()], BUILTIN);
		await run('builtinRetry', 'n8n HighLevel v2, Retry On Fail (3 tries, 1 s)', [builtinNode({ retryOnFail: true })], BUILTIN);
		await run(
			'naive',
			'naive: Loop Over Items (1 at a time) → n8n HighLevel v2, Retry On Fail (5 tries, 5 s)',
			[
				{ name: START, type: 'n8n-nodes-base.noOp', parameters: {} },
				{ name: LOOP, type: 'n8n-nodes-base.splitInBatches', typeVersion: 3, parameters: { batchSize: 1, options: {} } },
				builtinNode({ retryOnFail: true, maxTries: 5, waitBetweenTries: 5000 }),
			],
			BUILTIN,
			{
				[START]: { main: [[{ node: LOOP, type: 'main', index: 0 }]] },
				[LOOP]: { main: [[], [{ node: BUILTIN, type: 'main', index: 0 }]] },
				[BUILTIN]: { main: [[{ node: LOOP, type: 'main', index: 0 }]] },
			},
		);
		await run('ours', 'this package: GHL node, defaults', [oursNode], OURS);
		await run(
			'oursSync',
			'this package: GHL node → GHL to 17hats Sync, defaults',
			[oursNode, { name: SYNC, type: nodeType('ghlTo17hatsSync'), parameters: { entity: 'contact' } }],
			SYNC,
			{ [OURS]: { main: [[{ node: SYNC, type: 'main', index: 0 }]] } },
		);
		return rows;
	} finally {
		undoRedirect();
		await ghl.close();
		await hats.close();
	}
}
