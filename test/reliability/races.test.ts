/**
 * Races, through the templates in n8n's engine against the sandbox over HTTP:
 * - 50 parallel deliveries of one event (the same signed bytes, and the same
 *   event under 50 webhook ids as a redelivering sender makes them);
 * - 20 different updates of one contact delivered at once, in shuffled order;
 * - the same event in two executions started at the same moment, as two
 *   queue-mode workers would run it (each its own engine run; nothing shared
 *   but 17hats).
 * Each must leave exactly one 17hats record holding the newest data and one
 * welcome agreement sent. The fake 17hats adds a few ms of latency to every
 * request, as a network would, so reads and writes of racing runs interleave.
 */
import { createServer } from 'http';
import type { AddressInfo } from 'net';

import type { IDataObject } from 'n8n-workflow';

import { resetBuckets } from '../../dist/nodes/common/rateLimiter';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import type { Contact } from '../../sandbox/ghl/store';
import { sandboxCredentials, templateHarness, TemplateRunner, type FlowRun, type SandboxEnv } from '../support/templates';
import { createTriggerHarness } from '../support/triggerHarness';
import { assertNoSecrets, registerSecret } from './secretScan';
import { machine, writeFigures } from './support/figures';
import { duplicates, readHatsState, sendCheck, type HatsAdminState } from './support/hatsState';
import { MAX_SYNC_CONCURRENCY } from './support/soakDriver';

const WELCOME = '04-ghl-new-client-welcome-agreement.json';
const CONTACTS = '01-ghl-contact-to-17hats-contact.json';
const LATENCY_MS = 5;

let sandbox: Sandbox;
let env: SandboxEnv;
const figures: IDataObject = {};
const allRuns: FlowRun[] = [];

beforeAll(async () => {
	sandbox = await startSandbox({ ghlPort: 0, hatsPort: 0, hats: { rateLimit: { max: 1_000_000, windowMs: 60_000 } } });
	env = { ghl: sandbox.ghl, hats: sandbox.hats, sink: sandbox.sink, workflowSecret: 'race-workflow-secret-2c9e41b07d5a' };
	registerSecret('GHL sandbox token', env.ghl.token);
	registerSecret('17hats sandbox key', env.hats.apiKey);
	await templateHarness();
}, 120_000);

afterAll(async () => {
	await sandbox?.close();
	// Only a run of the whole file records figures.
	if (Object.keys(figures).length === 3) writeFigures('races', { test: 'test/reliability/races.test.ts', measuredAt: new Date().toISOString(), machine: machine(), latencyMs: LATENCY_MS, ...figures });
});

beforeEach(async () => {
	env.ghl.reset();
	await (await fetch(`${env.hats.origin}/__admin/reset`, { method: 'POST' })).arrayBuffer();
	env.hats.faults.configure({ latencyMs: LATENCY_MS });
	resetBuckets();
});

afterEach(() => {
	env.hats.faults.configure({});
});

let contactCounter = 0;
/** A new GHL contact (not in 17hats yet). */
function newGhlContact(tags: string[] = []): Contact {
	const n = ++contactCounter;
	const id = `RaceCon${String(n).padStart(13, '0')}`;
	const now = new Date().toISOString();
	const contact: Contact = {
		id,
		locationId: env.ghl.locationId,
		firstName: 'Rae',
		lastName: `Racer${n}`,
		email: `rae.racer${n}@example.com`,
		city: 'Austin',
		country: 'US',
		dnd: false,
		type: 'lead',
		tags,
		customFields: [],
		dateAdded: now,
		dateUpdated: now,
		followers: [],
		workflows: [],
	};
	env.ghl.store.contacts.set(id, contact);
	return contact;
}

/** What the fake GHL would post for one event: the signed bytes and headers, caught once. */
async function captureDelivery(event: string, overrides: Record<string, unknown>): Promise<{ body: Buffer; headers: Record<string, string> }> {
	let caught: { body: Buffer; headers: Record<string, string> } | undefined;
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const headers: Record<string, string> = {};
			for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'content-length' && k !== 'host' && k !== 'connection') headers[k] = v;
			caught = { body: Buffer.concat(chunks), headers };
			res.writeHead(200).end();
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const { port } = server.address() as AddressInfo;
	await env.ghl.fire(event, { to: `http://127.0.0.1:${port}/`, overrides });
	await new Promise<void>((r) => server.close(() => r()));
	if (!caught) throw new Error('The fake GHL posted nothing');
	return caught;
}

function record(state: HatsAdminState, collection: string, externalId: string): IDataObject[] {
	return (state.data[collection] ?? []).filter((r) => r.external_id === externalId);
}

function failures(runs: FlowRun[]): string[] {
	return runs.filter((r) => r.error || r.syncOutputs.some((o) => o.action === 'failed')).map((r) => r.error ?? JSON.stringify(r.syncOutputs));
}

async function withRunner<T>(file: string, act: (runner: TemplateRunner) => Promise<T>): Promise<T> {
	const runner = await TemplateRunner.create(file, env);
	for (const node of runner.template.nodes) {
		if (node.type.endsWith('.ghlTo17hatsSync')) node.parameters.requestOptions = { concurrency: MAX_SYNC_CONCURRENCY };
	}
	try {
		return await act(runner);
	} finally {
		await runner.close();
		allRuns.push(...runner.runs);
	}
}

describe('races', () => {
	test('50 parallel deliveries of one event: one contact, one project, one welcome agreement sent once', async () => {
		const contact = newGhlContact(['client']);
		const started = Date.now();
		const result = await withRunner(WELCOME, async (runner) => {
			const endpoint = await runner.listen('GHL Trigger');
			// (a) The same signed bytes 50 times at once (a sender or proxy repeating one delivery).
			const same = await captureDelivery('ContactTagUpdate', { id: contact.id, webhookId: `race-same-${contact.id}` });
			const sameStatuses = await Promise.all(
				Array.from({ length: 50 }, async () => {
					const res = await fetch(endpoint.url, { method: 'POST', headers: same.headers, body: same.body });
					await res.arrayBuffer();
					return res.status;
				}),
			);
			await runner.idle();
			const executionsSame = runner.runs.length;
			// (b) The same event under 50 webhook ids at once (a redelivery is a new delivery to the trigger).
			const redelivered = await Promise.all(
				Array.from({ length: 50 }, async (_, i) => (await env.ghl.fire('ContactTagUpdate', { to: endpoint.url, overrides: { id: contact.id, webhookId: `race-redelivered-${contact.id}-${i}` } })).status),
			);
			await runner.idle();
			return { sameStatuses, executionsSame, redelivered, runs: [...runner.runs] };
		});
		const state = await readHatsState(env.hats.origin);
		const welcome = sendCheck(state, 'welcome:');
		const accepted = result.sameStatuses.filter((s) => s === 200).length;
		figures.parallelDeliveries = {
			sameBytes: { deliveries: 50, accepted, refusedAsReplay: result.sameStatuses.filter((s) => s === 409).length, executions: result.executionsSame },
			sameEventNewWebhookIds: { deliveries: 50, executions: result.runs.length - result.executionsSame },
			contacts: record(state, 'contacts', contact.id).length,
			projects: record(state, 'projects', `contact:${contact.id}`).length,
			welcomeDocuments: welcome.documents,
			welcomeSends: state.outbox.length,
			failedExecutions: failures(result.runs).length,
			ms: Date.now() - started,
		};
		expect({ accepted, executions: result.executionsSame }).toEqual({ accepted: 1, executions: 1 });
		expect(result.sameStatuses.filter((s) => s !== 200).every((s) => s === 409)).toBe(true);
		expect(result.redelivered.every((s) => s === 200)).toBe(true);
		expect(failures(result.runs)).toEqual([]);
		expect(duplicates(state)).toEqual([]);
		expect(record(state, 'contacts', contact.id)).toHaveLength(1);
		expect(record(state, 'contacts', contact.id)[0]).toMatchObject({ first_name: 'Rae', last_name: contact.lastName, tags: ['client'] });
		expect(record(state, 'projects', `contact:${contact.id}`)).toHaveLength(1);
		expect(welcome).toMatchObject({ documents: 1, sentOnce: 1, unsent: [], sentTwice: [] });
		expect(state.outbox).toHaveLength(1);
	});

	test('20 different updates of one contact at once: one contact holding the newest data', async () => {
		const contact = newGhlContact();
		const started = Date.now();
		const outcome = await withRunner(CONTACTS, async (runner) => {
			const endpoint = await runner.listen('GHL Trigger');
			// The contact is in 17hats already.
			await env.ghl.fire('ContactCreate', { to: endpoint.url, overrides: { id: contact.id, webhookId: `race-create-${contact.id}` } });
			await runner.idle();
			const t0 = Date.now();
			// Update k happened at t0 + k s in GHL; all 20 arrive at once, in shuffled order.
			const order = [13, 4, 19, 0, 8, 16, 2, 11, 6, 18, 1, 14, 9, 5, 17, 3, 12, 7, 15, 10];
			await Promise.all(
				order.map(async (k) => {
					const overrides = {
						id: contact.id,
						webhookId: `race-update-${contact.id}-${k}`,
						timestamp: new Date(t0 + k * 1000).toISOString(),
						city: `City ${k}`,
						phone: `+1512555${String(1000 + k)}`,
						companyName: `Company ${k}`,
					};
					return await env.ghl.fire('ContactUpdate', { to: endpoint.url, overrides });
				}),
			);
			await runner.idle();
			return { runs: [...runner.runs] };
		});
		const state = await readHatsState(env.hats.origin);
		const [synced] = record(state, 'contacts', contact.id);
		const actions = outcome.runs.slice(1).flatMap((r) => r.syncOutputs.map((o) => `${String(o.action)}${o.reason ? `:${String(o.reason)}` : ''}`));
		const held = Number(/City (\d+)/.exec(String((synced?.address as IDataObject | undefined)?.city ?? ''))?.[1] ?? -1);
		figures.concurrentUpdates = {
			updates: 20,
			contacts: record(state, 'contacts', contact.id).length,
			newestHeld: held === 19,
			heldUpdate: held,
			actions: actions.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a]: (acc[a] ?? 0) + 1 }), {}),
			failedExecutions: failures(outcome.runs).length,
			ms: Date.now() - started,
		};
		expect(failures(outcome.runs)).toEqual([]);
		expect(record(state, 'contacts', contact.id)).toHaveLength(1);
		expect({ city: (synced.address as IDataObject).city, phone: synced.phone, company: synced.company }).toEqual({ city: 'City 19', phone: '+15125551019', company: 'Company 19' });
	});

	test('the same event in two executions started at the same moment (two workers): one record, newest data, one welcome send', async () => {
		const contact = newGhlContact(['client']);
		const started = Date.now();
		const trials = 10;
		const outcomes: Array<{ contacts: number; projects: number; welcomeDocs: number; sends: number; failed: string[] }> = [];
		for (let t = 0; t < trials; t++) {
			const c = t === 0 ? contact : newGhlContact(['client']);
			// What the GHL Trigger handed on, as a queue-mode main stores it for the worker.
			const delivery = await captureDelivery('ContactTagUpdate', { id: c.id, webhookId: `race-workers-${c.id}` });
			const [a, b] = await Promise.all([TemplateRunner.create(WELCOME, env), TemplateRunner.create(WELCOME, env)]);
			// The main process's webhook: the GHL Trigger verifies the delivery and hands on its item.
			const node = a.node('GHL Trigger');
			const main = await createTriggerHarness({ type: 'ghlTrigger', name: node.name, parameters: node.parameters, credentials: sandboxCredentials(env) });
			const call = await main.webhook({ body: delivery.body, headers: delivery.headers });
			expect(call.started).toBe(true);
			const items = (call.result.workflowData?.[0] ?? []).map((i) => ({ json: i.json }));
			// Two workers: each its own engine run from the trigger, both started now.
			const runs = await Promise.all([a.execute('GHL Trigger', items, 'webhook'), b.execute('GHL Trigger', items, 'webhook')]);
			await Promise.all([a.close(), b.close()]);
			allRuns.push(...runs);
			const state = await readHatsState(env.hats.origin);
			const welcome = sendCheck(state, 'welcome:');
			outcomes.push({
				contacts: record(state, 'contacts', c.id).length,
				projects: record(state, 'projects', `contact:${c.id}`).length,
				welcomeDocs: record(state, 'documents', `welcome:${c.id}`).length,
				sends: state.outbox.filter((m) => m.id === String(record(state, 'documents', `welcome:${c.id}`)[0]?.document_id)).length,
				failed: failures(runs),
			});
			expect(welcome.sentTwice).toEqual([]);
			expect(record(state, 'contacts', c.id)[0]).toMatchObject({ last_name: c.lastName, tags: ['client'] });
		}
		figures.twoWorkers = {
			trials,
			allOneRecordOneSend: outcomes.every((o) => o.contacts === 1 && o.projects === 1 && o.welcomeDocs === 1 && o.sends === 1),
			failedExecutions: outcomes.reduce((n, o) => n + o.failed.length, 0),
			ms: Date.now() - started,
		};
		expect(outcomes).toEqual(Array.from({ length: trials }, () => ({ contacts: 1, projects: 1, welcomeDocs: 1, sends: 1, failed: [] })));
	});

	test('no secret in any output item or error of these runs', () => {
		expect(allRuns.length).toBeGreaterThan(80);
		assertNoSecrets(
			'race executions',
			allRuns.map((run) => ({ outputs: run.syncOutputs, error: run.result.run.data.resultData.error, nodeErrors: Object.values(run.result.run.data.resultData.runData).map((r) => r[0]?.error) })),
		);
	});
});
