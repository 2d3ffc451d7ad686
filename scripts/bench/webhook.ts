/**
 * Webhook intake: how many signed deliveries per second the GHL Trigger takes
 * in, next to the limit the crypto sets (Ed25519 verify + JSON.parse of the
 * same bytes), measured in the same run.
 *
 * Each delivery goes through the trigger's real `webhook()` in n8n-core's
 * WebhookContext, built per request as n8n builds it (the activated workflow
 * object is reused; n8n's HTTP server, its body parser and the execution an
 * accepted delivery starts are not part of it). Every delivery is a distinct
 * HighLevel InvoicePaid example (~1.3 KB) with its own webhookId and
 * timestamp, signed with Ed25519, and is accepted (200). Measured again with
 * the process's replay store full (50,000 remembered ids).
 *
 * Times are CPU time (`process.cpuUsage`), so time lost to other processes
 * does not count; the empty-store, full-store and raw passes alternate round
 * by round, and each rate is that of its best round.
 */
import '../../test/support/setupEnv';

import { generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'crypto';

import { WebhookContext } from 'n8n-core';
import type { IDataObject, INode, INodeType, IWebhookData, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { replayCache, replayKey, REPLAY_CACHE_CAPACITY } from '../../dist/nodes/Ghl/webhook/replayCache';
import { loadWebhookEvent } from '../../sandbox/ghl/reference';
import {
	FixtureCredentialsHelper,
	loadPackage,
	nodeType as fullNodeType,
	PackageCredentialTypes,
	PackageNodeTypes,
	testAdditionalData,
} from '../../test/support/harness';
import { FakeResponse } from '../../test/support/triggerHarness';

export interface WebhookSettings {
	/** Deliveries per timed round (each a distinct signed body). */
	deliveries: number;
	/** Rounds (empty store, full store and raw alternate); the best round of each is reported. */
	rounds: number;
	/** Ids put into the replay store for the "full store" run. */
	storedIds: number;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = { deliveries: 2_000, rounds: 9, storedIds: REPLAY_CACHE_CAPACITY };

export interface WebhookResult {
	bodyBytes: number;
	/** Trigger deliveries per CPU second, empty replay store. */
	eventsPerSecond: number;
	/** `crypto.verify` + `JSON.parse` of the same bodies per CPU second. */
	rawEventsPerSecond: number;
	ratioToRaw: number;
	/** Trigger deliveries per CPU second with the replay store full. */
	fullStoreEventsPerSecond: number;
	/** Full-store rate over empty-store rate (1 = no slower). */
	ratioFullStore: number;
	/** Every delivery was answered 200 and accepted (a correctness check, not a speed one). */
	accepted: number;
	refused: number;
	/** Replay-store size during the full-store run. */
	storeSize: number;
	/** µs of CPU per delivery, every round (the rates above are from the best round of each). */
	rounds: { emptyUs: number[]; fullUs: number[]; rawUs: number[] };
}

interface Delivery {
	raw: Buffer;
	signature: string;
}

const pem = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }).toString();

function deliveries(count: number, privateKey: KeyObject): Delivery[] {
	const base = loadWebhookEvent('InvoicePaid').example as IDataObject;
	const now = Date.now();
	return Array.from({ length: count }, (_, i) => {
		const body = {
			...base,
			_id: `inv${String(i).padStart(17, '0')}`,
			invoiceNumber: String(100_000 + i),
			webhookId: randomUUID(),
			timestamp: new Date(now + i).toISOString(),
		};
		const raw = Buffer.from(JSON.stringify(body), 'utf8');
		return { raw, signature: sign(null, raw, privateKey).toString('base64') };
	});
}

/** An express-like request as n8n's body parser leaves it (built before the clock starts: n8n's cost). */
function request(d: Delivery) {
	const headers = { 'content-type': 'application/json', 'content-length': String(d.raw.length), 'x-ghl-signature': d.signature };
	return {
		method: 'POST',
		headers,
		rawBody: d.raw,
		body: {},
		query: {},
		params: {},
		ip: '203.0.113.7',
		socket: { remoteAddress: '203.0.113.7' },
		contentType: 'application/json',
		encoding: 'utf-8',
		readRawBody: async () => {},
	};
}

async function intake() {
	const loader = await loadPackage();
	const nodeTypes = new PackageNodeTypes(loader, []);
	const credentialTypes = new PackageCredentialTypes(loader);
	const type = fullNodeType('ghlTrigger');
	const nodeTypeObj: INodeType = nodeTypes.getByNameAndVersion(type, 1);
	const description = nodeTypeObj.description;
	return { nodeTypes, credentialTypes, type, nodeType: nodeTypeObj, description };
}

function cpuMicros(): () => number {
	const start = process.cpuUsage();
	return () => {
		const used = process.cpuUsage(start);
		return used.user + used.system;
	};
}


export async function runWebhook(settings: WebhookSettings = DEFAULT_WEBHOOK_SETTINGS): Promise<WebhookResult> {
	const keys = generateKeyPairSync('ed25519');
	const { nodeTypes, credentialTypes, type, nodeType, description } = await intake();

	// The node as the editor saves it (defaults filled in), with options a careful user sets.
	const parameters =
		NodeHelpers.getNodeParameters(
			description.properties,
			{
				source: 'app',
				events: ['*'],
				verification: 'ed25519',
				ed25519PublicKeys: pem(keys.publicKey),
				options: { ipAllowlist: '203.0.113.0/24, 198.51.100.0/24, 2001:db8::/32', rejectReplays: true },
			},
			true,
			false,
			{ typeVersion: 1 },
			description,
		) ?? {};
	const node: INode = {
		id: 'bench-trigger',
		name: 'GHL Trigger',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: {},
		webhookId: 'bench-webhook',
	};
	const workflow = new Workflow({ id: 'bench-workflow', name: 'bench', nodes: [node], connections: {}, active: true, nodeTypes, staticData: {}, settings: {} });
	const credentialsHelper = new FixtureCredentialsHelper(credentialTypes, {}, () => workflow);
	const webhookDescription = description.webhooks![0];

	let accepted = 0;
	let refused = 0;
	const webhook = nodeType.webhook!;
	async function deliver(d: Delivery): Promise<void> {
		const res = new FakeResponse();
		const data = testAdditionalData(credentialsHelper, {
			httpRequest: request(d),
			httpResponse: res,
		} as unknown as Partial<IWorkflowExecuteAdditionalData>);
		const webhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: `${node.webhookId}/${String(webhookDescription.path)}`,
			webhookDescription,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: data,
			webhookId: node.webhookId,
		} as IWebhookData;
		const ctx = new WebhookContext(workflow, node, data, 'webhook', webhookData, [], null);
		const result = await webhook.call(ctx);
		if (res.statusCode === 200 && result.workflowData !== undefined) accepted++;
		else refused++;
	}

	function raw(d: Delivery): void {
		const bytes = Buffer.from(d.signature, 'base64');
		if (!verify(null, d.raw, keys.publicKey, bytes)) throw new Error('raw verify failed');
		JSON.parse(d.raw.toString('utf8'));
	}

	/** Times one pass over `ds`, µs of CPU per delivery. */
	async function triggerPass(ds: Delivery[]): Promise<number> {
		const elapsed = cpuMicros();
		for (const d of ds) await deliver(d);
		return elapsed() / ds.length;
	}
	function rawPass(ds: Delivery[]): number {
		const elapsed = cpuMicros();
		for (const d of ds) raw(d);
		return elapsed() / ds.length;
	}
	/** Other deliveries remembered before: ids of this trigger and of other workflows. */
	function fillStore(count: number): void {
		const now = Date.now();
		const prefix = randomUUID();
		for (let i = 0; i < count; i++) {
			replayCache.firstSeen(replayKey(i % 2 ? workflow.id : `other-${i % 7}`, node.id, `${prefix}-${i}`), now, 60 * 60 * 1000);
		}
	}

	// Warm-up (JIT, the first settings read), not counted.
	replayCache.clear();
	const warm = deliveries(settings.deliveries, keys.privateKey);
	await triggerPass(warm);
	rawPass(warm);
	accepted = 0;
	refused = 0;

	// Each round: the empty store, the full store and raw, on bodies signed
	// beforehand (a webhookId is accepted once, so each trigger pass gets its own);
	// raw checks the empty-store pass's bodies. The order turns each round.
	const empty: number[] = [];
	const full: number[] = [];
	const rawTimes: number[] = [];
	let storeSize = 0;
	// Before each trigger pass, untimed deliveries bring the store to its state
	// (and pay for the garbage of the pass before, of clearing and of filling it).
	const settle = async () => await triggerPass(deliveries(Math.ceil(settings.deliveries / 2), keys.privateKey));
	for (let round = 0; round < settings.rounds; round++) {
		const a = deliveries(settings.deliveries, keys.privateKey);
		const b = deliveries(settings.deliveries, keys.privateKey);
		const steps: Array<() => Promise<void>> = [
			async () => {
				replayCache.clear();
				await settle();
				replayCache.clear();
				empty.push(await triggerPass(a));
			},
			async () => {
				replayCache.clear();
				fillStore(settings.storedIds);
				await settle();
				storeSize = Math.max(storeSize, replayCache.size);
				full.push(await triggerPass(b));
			},
			async () => {
				rawTimes.push(rawPass(a));
			},
		];
		for (let i = 0; i < steps.length; i++) await steps[(i + round) % steps.length]();
	}
	replayCache.clear();

	const perSecond = (us: number) => Math.round(1e6 / us);
	const round2 = (n: number) => Math.round(n * 100) / 100;
	// The best round of each: on a shared machine a pass only ever gets slower
	// (other processes evict caches and steal cycles), so the fastest pass is
	// the closest to the code's own cost, for the trigger and raw alike.
	const best = (values: number[]) => Math.min(...values);
	const eventsPerSecond = perSecond(best(empty));
	const rawEventsPerSecond = perSecond(best(rawTimes));
	const fullStoreEventsPerSecond = perSecond(best(full));
	return {
		bodyBytes: Math.round(warm.reduce((n, d) => n + d.raw.length, 0) / warm.length),
		eventsPerSecond,
		rawEventsPerSecond,
		ratioToRaw: round2(eventsPerSecond / rawEventsPerSecond),
		fullStoreEventsPerSecond,
		ratioFullStore: round2(fullStoreEventsPerSecond / eventsPerSecond),
		rounds: { emptyUs: empty.map(round2), fullUs: full.map(round2), rawUs: rawTimes.map(round2) },
		accepted,
		refused,
		storeSize,
	};
}

if (require.main === module) {
	// `npx tsx scripts/bench/webhook.ts`: this section alone (to profile: add --cpu-prof).
	runWebhook()
		.then((r) => console.log(JSON.stringify(r, null, 2)))
		.catch((error: unknown) => {
			console.error(error);
			process.exitCode = 1;
		});
}
