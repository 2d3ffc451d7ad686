/**
 * Lost answers: the fake 17hats applies a write and then answers 500 or drops
 * the connection (seeded after-processing faults, set through /__admin/faults).
 * The sync node, run through n8n's engine over real HTTP, must still send
 * each welcome agreement exactly once — after a lost create, a lost send, a
 * second run, and two runs at once — and report a lost create as created.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { loadWebhookEvent } from '../../sandbox/ghl/reference';
import { startGhlSandbox, SEED, type GhlSandbox } from '../../sandbox/ghl';
import { resetBuckets } from '../../dist/nodes/common/rateLimiter';
import { startHatsSandbox, type HatsSandbox } from '../../sandbox/hats';
import { hatsCredentials } from '../support/fixtures';
import { createHarness, nodeType, type EngineHarness } from '../support/harness';
import { client } from './ghlSupport';

const contactCreate = loadWebhookEvent('ContactCreate').example as IDataObject;

const WELCOME = {
	welcomeAgreement: true,
	welcomeTrigger: 'contactTag',
	welcomeTag: 'client',
	welcomeTemplateId: 'tpl_welcome_agreement',
	// Fast retries: the faults below make many of them.
	requestOptions: { maxAttempts: 10, maxRetryWaitSeconds: 0.02 },
};
/** Seeded: with one item at a time the requests, and so the faults, come in the same order every run. */
const LOST_ANSWERS = { seed: 2024, rateAfter500: 0.15, rateAfterDrop: 0.1 };

let hats: HatsSandbox;
let harness: EngineHarness;

beforeAll(async () => {
	hats = await startHatsSandbox({ port: 0, seed: false, rateLimit: { max: 100_000, windowMs: 60_000 } });
	harness = await createHarness();
	resetBuckets();
});
afterAll(async () => await hats.close());

const admin = async (path: string, body?: unknown): Promise<IDataObject> =>
	(await (
		await fetch(`${hats.origin}${path}`, {
			method: body === undefined ? 'GET' : 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		})
	).json()) as IDataObject;

interface HatsState {
	outbox: Array<{ kind: string; id: string }>;
	data: Record<string, IDataObject[]>;
}
const state = async () => (await admin('/__admin/state')) as unknown as HatsState;

interface LoggedRequest {
	method: string;
	path: string;
	body?: IDataObject;
	status: number;
}
const requests = async () => ((await admin('/__admin/requests')).requests as LoggedRequest[]).filter((r) => r.path.startsWith('/v1/'));

function clients(prefix: string, count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({
		...contactCreate,
		id: `${prefix}${i}`,
		email: `${prefix}${i}@example.com`,
		tags: ['client'],
		timestamp: '2025-03-01T10:00:00.000Z',
	}));
}

async function sync(input: IDataObject[], concurrency = 1): Promise<IDataObject[]> {
	const node = { name: 'Sync', type: nodeType('ghlTo17hatsSync'), parameters: { entity: 'auto', ...WELCOME, options: { concurrency } } } as unknown as INode;
	(node as INode).onError = 'continueRegularOutput';
	const result = await harness.runWorkflow({
		nodes: [node],
		credentials: { seventeenHatsApi: hatsCredentials({ baseUrl: hats.url, apiKey: hats.apiKey }) },
		input: input.map((json) => ({ json })),
	});
	const error = result.error('Sync');
	if (error) throw new Error(`${error.message} ${error.description ?? ''}`);
	return result.output('Sync');
}

/** Per GHL contact: its welcome agreements in 17hats and how many times each was really sent. */
async function welcomeOf(ghlContactIds: string[]): Promise<Record<string, { documents: number; sent: number[] }>> {
	const s = await state();
	const out: Record<string, { documents: number; sent: number[] }> = {};
	for (const id of ghlContactIds) {
		const docs = s.data.documents.filter((d) => d.external_id === `welcome:${id}`);
		out[id] = { documents: docs.length, sent: docs.map((d) => s.outbox.filter((m) => m.id === d.document_id).length) };
	}
	return out;
}
const onceEach = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, { documents: 1, sent: [1] }]));
const welcomeStep = (o: IDataObject) => (o.steps as IDataObject[]).find((s) => s.record === 'welcome');

test('lost create and send answers: every welcome agreement is sent exactly once, and a lost create is reported as created', async () => {
	await admin('/__admin/requests?clear=1');
	await admin('/__admin/faults', LOST_ANSWERS);
	const input = clients('lost-', 24);
	const ids = input.map((c) => String(c.id));

	const first = await sync(input);
	expect(first.map((o) => o.action)).toEqual(ids.map(() => 'created'));

	// The faults did hit welcome creates and sends after 17hats applied them.
	const log = await requests();
	const lostCreates = log.filter((r) => r.method === 'POST' && r.path === '/v1/documents' && (r.status === 500 || r.status === 0));
	const lostSends = log.filter((r) => r.method === 'POST' && r.path.endsWith('/send') && (r.status === 500 || r.status === 0));
	expect(lostCreates.length).toBeGreaterThanOrEqual(2);
	expect(lostSends.length).toBeGreaterThanOrEqual(1);
	expect(await welcomeOf(ids)).toEqual(onceEach(ids));

	// A lost create is this run's create: reported as created, with no race warning.
	for (const lost of lostCreates) {
		const ghlId = String(lost.body?.external_id).replace(/^welcome:/, '');
		const out = first.find((o) => o.ghlId === ghlId) as IDataObject;
		expect(welcomeStep(out)).toMatchObject({ action: 'created' });
		expect((out.warnings as string[]).join('\n')).not.toMatch(/Another run created/);
	}
	const lostContacts = log.filter((r) => r.method === 'POST' && r.path === '/v1/contacts' && (r.status === 500 || r.status === 0));
	for (const lost of lostContacts) {
		const out = first.find((o) => o.ghlId === lost.body?.external_id) as IDataObject;
		expect(out).toMatchObject({ action: 'created' });
		expect((out.warnings as string[]).join('\n')).not.toMatch(/Another run created/);
	}

	// Run again (same faults): nothing is sent a second time.
	const second = await sync(input);
	expect(second.map((o) => o.action)).toEqual(ids.map(() => 'skipped'));
	expect(await welcomeOf(ids)).toEqual(onceEach(ids));
	await admin('/__admin/faults', {});
});

test('two runs at once, with lost answers: still one welcome agreement per client, sent once', async () => {
	await admin('/__admin/faults', { ...LOST_ANSWERS, seed: 7 });
	const input = clients('pair-', 12);
	const ids = input.map((c) => String(c.id));
	const [a, b] = await Promise.all([sync(input, 4), sync([...input].reverse(), 4)]);
	for (const out of [...a, ...b]) expect(out.action).not.toBe('failed');
	expect(await welcomeOf(ids)).toEqual(onceEach(ids));
	await admin('/__admin/faults', {});
});

test('a welcome agreement found unsent (its run failed before sending) is sent by the next run', async () => {
	const [input] = clients('left-', 1);
	await sync([input]);
	const [doc] = (await state()).data.documents.filter((d) => d.external_id === `welcome:${String(input.id)}`);
	// Back to draft, as a run that failed between the create and the send leaves it.
	Object.assign(hats.store.get('documents', String(doc.document_id)) as IDataObject, { status: 'draft', sent_at: null });
	const next = await sync([input]);
	expect(welcomeStep(next[0])).toMatchObject({ action: 'updated', changes: { status: { before: 'draft', after: 'sent' } } });
	expect((await state()).outbox.filter((m) => m.id === doc.document_id)).toHaveLength(2);
	expect((await sync([input]))[0].action).toBe('skipped');
	expect((await state()).outbox.filter((m) => m.id === doc.document_id)).toHaveLength(2);
});

test('after-processing faults apply on the fake GHL too: the write is done, the answer is lost', async () => {
	const ghl: GhlSandbox = await startGhlSandbox({ port: 0 });
	try {
		const api = client(ghl);
		const set = await fetch(`${ghl.url}/__admin/faults`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ rateAfter500: 1 }),
		});
		expect(set.status).toBe(200);
		const lost = await api.post('/contacts/', { locationId: SEED.locationId, firstName: 'Lost', email: 'lost.answer@example.com' });
		expect(lost.status).toBe(500);
		await fetch(`${ghl.url}/__admin/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ rateAfterDrop: 1 }) });
		await expect(api.post('/contacts/', { locationId: SEED.locationId, firstName: 'Dropped', email: 'dropped.answer@example.com' })).rejects.toThrow();
		await fetch(`${ghl.url}/__admin/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
		const emails = ghl.store.contacts.values().map((c) => c.email);
		expect(emails).toEqual(expect.arrayContaining(['lost.answer@example.com', 'dropped.answer@example.com']));
	} finally {
		await ghl.close();
	}
});
