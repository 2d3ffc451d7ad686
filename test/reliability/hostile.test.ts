/**
 * Hostile input, over real HTTP into the GHL Trigger's webhook() in n8n-core's
 * engine (triggerServer.ts), and at the action nodes through the engine.
 *
 * The trigger cases are one table: each row is sent as raw bytes with exact
 * header lines and must get its status, no 5xx, no crash, and an execution
 * (reaching the node after the trigger) only when accepted. Most rows also
 * have a focused test at the request level (test/node/ghlTrigger.test.ts);
 * here they run over a socket, with Node's own header handling.
 * Path parameters: test/node/pathSafety.test.ts runs every templated
 * operation with 11 hostile values; this adds more encodings on a few.
 */
import { randomBytes, randomUUID } from 'crypto';
import nock from 'nock';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { createWebhookKeys, signatureHeaders, type WebhookKeys } from '../../sandbox/ghl/webhooks/signing';
import { coreNodes, createHarness, nodeType, type EngineHarness } from '../support/harness';
import { GHL_BASE, HATS_BASE, LOCATION_ID, ghlPitCredentials, hatsCredentials } from '../support/fixtures';
import { createTriggerHarness, type TriggerHarness } from '../support/triggerHarness';
import { writeFigures } from './support/figures';
import { postRaw, serveTrigger, type RawAnswer, type TriggerServer } from './triggerServer';

const WRITE = 'Write';
const keys: WebhookKeys = createWebhookKeys();
const otherKeys: WebhookKeys = createWebhookKeys();

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => {
	process.off('unhandledRejection', onUnhandled);
});

function event(extra: IDataObject = {}): IDataObject {
	return {
		type: 'ContactCreate',
		locationId: LOCATION_ID,
		id: `c-${randomUUID().slice(0, 8)}`,
		firstName: 'Ada',
		email: 'ada@example.com',
		timestamp: new Date().toISOString(),
		webhookId: randomUUID(),
		...extra,
	};
}

const bytesOf = (body: unknown) => Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
const ed = (raw: Buffer, k: WebhookKeys = keys): [string, string] => ['x-ghl-signature', signatureHeaders(raw, k)['x-ghl-signature']];
const rsa = (raw: Buffer, k: WebhookKeys = keys): [string, string] => ['x-wh-signature', signatureHeaders(raw, k)['x-wh-signature']];
const JSON_TYPE: [string, string] = ['content-type', 'application/json'];

interface Row {
	name: string;
	/** Which trigger (settings) receives it. */
	trigger: keyof typeof TRIGGERS;
	request: () => { body: Buffer; headers: Array<[string, string]> };
	status: number;
	/** The error code in the answer, for refusals. */
	error?: string;
	/** Extra checks on an accepted delivery's item. */
	item?: (item: IDataObject, body: Buffer) => void;
}

const ED: INodeParameters = { source: 'app', verification: 'ed25519', ed25519PublicKeys: keys.ed25519.publicPem };
const TRIGGERS = {
	ed25519: ED,
	requireTimestamp: { ...ED, options: { requireTimestamp: true } },
	large: { ...ED, options: { maxBodyKilobytes: 6 * 1024 } },
	either: { source: 'app', verification: 'ed25519OrRsa', ed25519PublicKeys: keys.ed25519.publicPem, useHighLevelRsaKey: false, rsaPublicKeys: keys.rsa.publicPem },
} satisfies Record<string, INodeParameters>;

const deep = (levels: number) => Buffer.from(`${'{"a":'.repeat(levels - 1)}{"type":"ContactCreate"}${'}'.repeat(levels - 1)}`);
/** A signed body of about `bytes` bytes. */
const sized = (bytes: number) => bytesOf(event({ notes: 'x'.repeat(bytes) }));
const signed = (raw: Buffer, extra: Array<[string, string]> = []) => ({ body: raw, headers: [JSON_TYPE, ed(raw), ...extra] });
const FIVE_MB = 5 * 1024 * 1024;

const ROWS: Row[] = [
	{ name: 'a correctly signed event (control)', trigger: 'ed25519', request: () => signed(bytesOf(event())), status: 200 },
	{
		name: 'forged signature (random bytes)',
		trigger: 'ed25519',
		request: () => ({ body: bytesOf(event()), headers: [JSON_TYPE, ['x-ghl-signature', randomBytes(64).toString('base64')]] }),
		status: 401,
		error: 'bad_signature',
	},
	{
		name: 'valid signature of another body',
		trigger: 'ed25519',
		request: () => ({ body: bytesOf(event()), headers: [JSON_TYPE, ed(bytesOf(event()))] }),
		status: 401,
		error: 'bad_signature',
	},
	{
		name: 'signature by another key',
		trigger: 'ed25519',
		request: () => {
			const raw = bytesOf(event());
			return { body: raw, headers: [JSON_TYPE, ed(raw, otherKeys)] };
		},
		status: 401,
		error: 'bad_signature',
	},
	{
		name: 'signature not base64 (HTML)',
		trigger: 'ed25519',
		request: () => ({ body: bytesOf(event()), headers: [JSON_TYPE, ['x-ghl-signature', '<script>alert(1)</script>']] }),
		status: 401,
		error: 'bad_signature',
	},
	{
		name: 'several signatures: two header lines, forged then valid',
		trigger: 'ed25519',
		request: () => {
			const raw = bytesOf(event());
			return { body: raw, headers: [JSON_TYPE, ['x-ghl-signature', randomBytes(64).toString('base64')], ed(raw)] };
		},
		status: 401,
		error: 'bad_signature',
	},
	{
		name: 'several signatures: the valid one sent twice (duplicated header)',
		trigger: 'ed25519',
		request: () => {
			const raw = bytesOf(event());
			return { body: raw, headers: [JSON_TYPE, ed(raw), ed(raw)] };
		},
		status: 401,
		error: 'bad_signature',
	},
	{
		name: 'several signatures in one header, comma-separated',
		trigger: 'ed25519',
		request: () => {
			const raw = bytesOf(event());
			return { body: raw, headers: [JSON_TYPE, ['x-ghl-signature', `${ed(raw, otherKeys)[1]},${ed(raw)[1]}`]] };
		},
		status: 401,
		error: 'bad_signature',
	},
	{
		name: 'Ed25519-or-RSA: a forged Ed25519 signature is not rescued by a valid RSA one (no downgrade)',
		trigger: 'either',
		request: () => {
			const raw = bytesOf(event());
			return { body: raw, headers: [JSON_TYPE, ['x-ghl-signature', randomBytes(64).toString('base64')], rsa(raw)] };
		},
		status: 401,
		error: 'bad_signature',
	},
	{
		name: 'Ed25519-or-RSA: both valid',
		trigger: 'either',
		request: () => {
			const raw = bytesOf(event());
			return { body: raw, headers: [JSON_TYPE, ed(raw), rsa(raw)] };
		},
		status: 200,
		item: (item) => expect(item.verifiedBy).toBe('ed25519'),
	},
	{ name: 'missing signature header', trigger: 'ed25519', request: () => ({ body: bytesOf(event()), headers: [JSON_TYPE] }), status: 401, error: 'missing_signature' },
	{ name: 'empty signature header', trigger: 'ed25519', request: () => ({ body: bytesOf(event()), headers: [JSON_TYPE, ['x-ghl-signature', '']] }), status: 401, error: 'missing_signature' },
	{
		name: 'stale timestamp (10 minutes old)',
		trigger: 'ed25519',
		request: () => signed(bytesOf(event({ timestamp: new Date(Date.now() - 10 * 60_000).toISOString() }))),
		status: 401,
		error: 'stale_timestamp',
	},
	{
		name: 'future timestamp (10 minutes ahead)',
		trigger: 'ed25519',
		request: () => signed(bytesOf(event({ timestamp: new Date(Date.now() + 10 * 60_000).toISOString() }))),
		status: 401,
		error: 'future_timestamp',
	},
	{ name: 'timestamp that is not a date', trigger: 'ed25519', request: () => signed(bytesOf(event({ timestamp: 'yesterday-ish' }))), status: 400, error: 'bad_timestamp' },
	{ name: 'timestamp as an object', trigger: 'ed25519', request: () => signed(bytesOf(event({ timestamp: { $date: 1 } }))), status: 400, error: 'bad_timestamp' },
	{ name: 'timestamp in epoch seconds', trigger: 'ed25519', request: () => signed(bytesOf(event({ timestamp: Math.floor(Date.now() / 1000) }))), status: 200 },
	{ name: 'missing timestamp (allowed by default)', trigger: 'ed25519', request: () => signed(bytesOf(event({ timestamp: undefined }))), status: 200 },
	{ name: 'missing timestamp with Require Timestamp', trigger: 'requireTimestamp', request: () => signed(bytesOf(event({ timestamp: undefined }))), status: 401, error: 'missing_timestamp' },
	{
		name: 'no Content-Type header',
		trigger: 'ed25519',
		request: () => {
			const raw = bytesOf(event());
			return { body: raw, headers: [ed(raw)] };
		},
		status: 200,
	},
	{
		name: 'Content-Type text/plain, duplicated',
		trigger: 'ed25519',
		request: () => {
			const raw = bytesOf(event());
			return { body: raw, headers: [['content-type', 'text/plain'], ['content-type', 'application/xml'], ed(raw)] };
		},
		status: 200,
	},
	{ name: 'signed empty body', trigger: 'ed25519', request: () => signed(Buffer.alloc(0)), status: 400, error: 'malformed_body' },
	{ name: 'signed non-JSON (form data)', trigger: 'ed25519', request: () => signed(Buffer.from('type=ContactCreate&id=1')), status: 400, error: 'malformed_body' },
	{ name: 'signed truncated JSON', trigger: 'ed25519', request: () => signed(bytesOf(event()).subarray(0, 40)), status: 400, error: 'malformed_body' },
	{ name: 'signed JSON array', trigger: 'ed25519', request: () => signed(bytesOf([event()])), status: 400, error: 'malformed_body' },
	{ name: 'signed JSON null', trigger: 'ed25519', request: () => signed(Buffer.from('null')), status: 400, error: 'malformed_body' },
	{ name: 'signed JSON string', trigger: 'ed25519', request: () => signed(Buffer.from('"ContactCreate"')), status: 400, error: 'malformed_body' },
	{
		name: 'signed JSON with a UTF-8 byte order mark',
		trigger: 'ed25519',
		request: () => signed(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytesOf(event())])),
		status: 200,
	},
	{
		name: 'signed UTF-16LE JSON (with its BOM)',
		trigger: 'ed25519',
		request: () => signed(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(event()), 'utf16le')])),
		status: 400,
		error: 'invalid_utf8',
	},
	{
		name: 'signed Latin-1 bytes (not UTF-8)',
		trigger: 'ed25519',
		request: () => signed(Buffer.from(JSON.stringify(event({ firstName: 'Ren\u00e9' })), 'latin1')),
		status: 400,
		error: 'invalid_utf8',
	},
	{
		name: 'signed overlong UTF-8 encoding of "/"',
		trigger: 'ed25519',
		request: () => {
			const json = bytesOf(event({ firstName: 'AB' }));
			const at = json.indexOf(Buffer.from('AB'));
			return signed(Buffer.concat([json.subarray(0, at), Buffer.from([0xc0, 0xaf]), json.subarray(at + 2)]));
		},
		status: 400,
		error: 'invalid_utf8',
	},
	{ name: 'signed 5 MB body over the default Max Body Size (1 MB)', trigger: 'ed25519', request: () => signed(sized(FIVE_MB)), status: 413, error: 'body_too_large' },
	{ name: 'unsigned 5 MB body (size refused before the signature is checked)', trigger: 'ed25519', request: () => ({ body: sized(FIVE_MB), headers: [JSON_TYPE] }), status: 413, error: 'body_too_large' },
	{
		name: 'signed 5 MB body with Max Body Size 6 MB',
		trigger: 'large',
		request: () => signed(sized(FIVE_MB)),
		status: 200,
		item: (item) => expect(String((item.data as IDataObject).notes).length).toBe(FIVE_MB),
	},
	{ name: 'signed 7 MB body with Max Body Size 6 MB', trigger: 'large', request: () => signed(sized(7 * 1024 * 1024)), status: 413, error: 'body_too_large' },
	{ name: 'signed 100,000-deep nesting', trigger: 'ed25519', request: () => signed(deep(100_000)), status: 400, error: 'too_deep' },
	{ name: 'unsigned 100,000-deep nesting', trigger: 'ed25519', request: () => ({ body: deep(100_000), headers: [JSON_TYPE] }), status: 401, error: 'missing_signature' },
	{
		name: 'signed 100,000 unclosed brackets',
		trigger: 'ed25519',
		request: () => signed(Buffer.from('['.repeat(100_000))),
		status: 400,
		error: 'too_deep',
	},
	{
		name: 'signed __proto__ / constructor / prototype keys',
		trigger: 'ed25519',
		request: () =>
			signed(
				Buffer.from(
					JSON.stringify(event()).replace(
						/^\{/,
						'{"__proto__":{"polluted":"yes","type":"InvoicePaid"},"constructor":{"prototype":{"polluted":"yes"}},"toString":"x","hasOwnProperty":1,',
					),
				),
			),
		status: 200,
		item: (item) => {
			const data = item.data as IDataObject;
			expect(item.event).toBe('ContactCreate');
			expect(Object.getOwnPropertyNames(data)).toEqual(expect.arrayContaining(['__proto__', 'constructor', 'toString', 'hasOwnProperty']));
			expect(({} as IDataObject).polluted).toBeUndefined();
			expect((Object.prototype as IDataObject).polluted).toBeUndefined();
		},
	},
	{
		name: 'signed webhookId "__proto__"',
		trigger: 'ed25519',
		request: () => signed(bytesOf(event({ webhookId: `__proto__` }))),
		status: 200,
		item: (item) => expect(item.webhookId).toBe('__proto__'),
	},
	{
		name: 'signed unicode, emoji, RTL override, HTML, NUL and lone surrogates in fields',
		trigger: 'ed25519',
		request: () =>
			signed(
				bytesOf(
					event({
						firstName: 'Zo\u00eb \u00d1and\u00fa \u4e2d\u6587 \u0928\u092e\u0938\u094d\u0924\u0947',
						lastName: '\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67 \ud83c\udff3\ufe0f\u200d\ud83c\udf08',
						companyName: '\u202eevil.exe\u202c \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627',
						address1: '<script>alert("x")</script><img src=x onerror=alert(1)>',
						city: 'a\u0000b',
						state: '\ud800 lone \udfff',
						webhookId: `<b>${randomUUID()}</b>`,
					}),
				),
			),
		status: 200,
		item: (item, raw) => {
			expect(item.data).toEqual(JSON.parse(raw.toString('utf8')));
			expect(String(item.webhookId)).toMatch(/^<b>/);
		},
	},
];

interface Trial {
	name: string;
	status: number;
	error?: string;
	ms: number;
}
const trials: Trial[] = [];

describe('GHL Trigger over HTTP: hostile deliveries', () => {
	const servers = new Map<string, { trigger: TriggerHarness; server: TriggerServer }>();

	beforeAll(async () => {
		for (const [name, parameters] of Object.entries(TRIGGERS)) {
			const trigger = await createTriggerHarness({
				type: 'ghlTrigger',
				parameters,
				downstream: [{ name: WRITE, type: 'n8n-nodes-base.noOp', parameters: {} }],
				extraPackages: [coreNodes('noOp')],
			});
			expect(await trigger.hook('create')).toBe(true);
			servers.set(name, { trigger, server: await serveTrigger(trigger) });
		}
	});
	afterAll(async () => {
		for (const { server } of servers.values()) await server.close();
	});

	it.each(ROWS.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
		const { server } = servers.get(row.trigger)!;
		const before = server.calls.length;
		const { body, headers } = row.request();
		const started = Date.now();
		const answer = await postRaw(server.url, body, headers);
		trials.push({ name: row.name, status: answer.status, error: (answer.json as IDataObject | undefined)?.error as string | undefined, ms: Date.now() - started });

		expect(server.crashes).toEqual([]);
		expect(answer.status).toBeLessThan(500);
		expect(answer.status).toBe(row.status);
		expect(answer.headers['content-type']).toMatch(/application\/json/);
		const call = server.calls[before];
		expect(server.calls).toHaveLength(before + 1);
		if (row.status === 200) {
			expect(call.started).toBe(true);
			expect(call.ran(WRITE)).toBe(true);
			expect(call.items).toHaveLength(1);
			row.item?.(call.items[0], body);
		} else {
			expect(answer.json).toMatchObject({ error: row.error, message: expect.any(String) });
			expect(call.started).toBe(false);
			expect(call.ran(WRITE)).toBe(false);
		}
	});

	it('replays: the same bytes again, the same webhookId with another signed body, 20 copies at once', async () => {
		const { server } = servers.get('ed25519')!;
		const before = server.calls.length;
		const raw = bytesOf(event());
		const once = signed(raw);
		expect((await postRaw(server.url, once.body, once.headers)).status).toBe(200);
		const again = await postRaw(server.url, once.body, once.headers);
		expect(again).toMatchObject({ status: 409, json: { error: 'replayed' } });

		const id = (JSON.parse(raw.toString()) as IDataObject).webhookId;
		const other = signed(bytesOf(event({ webhookId: id, firstName: 'Changed' })));
		expect((await postRaw(server.url, other.body, other.headers)).status).toBe(409);

		const burst = signed(bytesOf(event()));
		const answers: RawAnswer[] = await Promise.all(Array.from({ length: 20 }, () => postRaw(server.url, burst.body, burst.headers)));
		expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(19).fill(409)]);

		const calls = server.calls.slice(before);
		expect(calls).toHaveLength(23);
		expect(calls.filter((c) => c.ran(WRITE))).toHaveLength(2);
		expect(server.crashes).toEqual([]);
		trials.push({ name: 'replay: sequential, other body, 20 concurrent', status: 409, ms: 0 });
	});

	it('a replay after an n8n restart starts an execution that ends at the trigger (n8n processed data)', async () => {
		const { trigger, server } = servers.get('requireTimestamp')!;
		const delivery = signed(bytesOf(event()));
		expect((await postRaw(server.url, delivery.body, delivery.headers)).status).toBe(200);
		trigger.restart();
		const replay = await postRaw(server.url, delivery.body, delivery.headers);
		const call = server.calls[server.calls.length - 1];
		expect(replay.status).toBe(200);
		expect(call.started).toBe(true);
		expect(call.items).toEqual([]);
		expect(call.ran(WRITE)).toBe(false);
		expect((await postRaw(server.url, delivery.body, delivery.headers)).status).toBe(409);
	});
});

// ----------------------------------------------------------------------------
// Action nodes
// ----------------------------------------------------------------------------

const actionFigures: IDataObject = {};
let harness: EngineHarness;
beforeAll(async () => {
	harness = await createHarness();
});

/** Every request that reached the API, by method and path. */
function capture(base: string): string[] {
	const seen: string[] = [];
	const scope = nock(new URL(base).origin).persist();
	for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
		scope[method](/.*/).reply(function (uri, body) {
			seen.push(`${method.toUpperCase()} ${uri} ${typeof body === 'string' ? body : JSON.stringify(body)}`);
			return [200, method === 'get' ? {} : { id: 'x1', contact: { id: 'x1' }, invoice: { _id: 'x1' }, data: { id: 'x1' } }];
		});
	}
	return seen;
}

async function run(node: 'ghl' | 'seventeenHats', parameters: IDataObject, input: IDataObject) {
	return await harness.runWorkflow({
		nodes: [{ name: 'Node', type: nodeType(node), parameters } as never],
		credentials: node === 'ghl' ? { ghlPrivateIntegrationApi: ghlPitCredentials() } : { seventeenHatsApi: hatsCredentials() },
		input: [{ json: input }],
	});
}

describe('action nodes: path parameters in more encodings (beyond pathSafety.test.ts)', () => {
	// pathSafety.test.ts covers . .. a/b a\b a?b a#b NUL %2e%2e %2F %252e%252e ..%2f on every operation.
	const MORE = ['%2E%2E', '.%2e', '%2e.', '%2E', '..%5c', '%5c', '%2f..', ' .. ', '..\t', '%00', '%25252e%25252e', 'a%2F..%2Fb', '\u2024\u2024/x', '..;/', '%c0%ae%c0%ae/'];
	const HARMLESS = ['\u2024\u2024', '..a', 'a..', '%41', 'a b+c', '\u00e9\u{1F600}'];
	const cases = [
		{ node: 'ghl' as const, label: 'GHL Contact → Get (contactId)', field: 'Contact ID', base: GHL_BASE, parameters: { resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'id', value: '={{ $json.hostile }}' } } },
		{ node: 'ghl' as const, label: 'GHL Contact Note → Delete (noteId)', field: 'Note ID', base: GHL_BASE, parameters: { resource: 'contactNote', operation: 'delete', contactId: { __rl: true, mode: 'id', value: 'c1' }, noteId: '={{ $json.hostile }}' } },
		{ node: 'seventeenHats' as const, label: '17hats Contact → Delete (contactId)', field: 'Contact', base: HATS_BASE, parameters: { resource: 'contact', operation: 'delete', contactId: { __rl: true, mode: 'id', value: '={{ $json.hostile }}' } } },
	];
	it.each(cases.map((c) => [c.label, c] as const))('%s: nothing is sent, the field is named', async (_label, c) => {
		let refused = 0;
		const sentAsData: string[] = [];
		for (const hostile of MORE) {
			const seen = capture(c.base);
			const result = await run(c.node, c.parameters, { hostile });
			nock.cleanAll();
			// A value that is one harmless segment may be sent, but only percent-encoded as one segment.
			const error = result.error('Node');
			if (seen.length === 0) {
				expect({ hostile, message: error?.message }).toEqual({ hostile, message: expect.stringContaining(`The field "${c.field}"`) });
				expect(error?.context?.itemIndex).toBe(0);
				refused++;
			} else {
				// Sent: then only as one percent-encoded segment (the value as data, not as path syntax).
				const path = seen[0].split(' ')[1];
				expect({ hostile, path, count: seen.length }).toEqual({ hostile, path: expect.stringContaining(`/${encodeURIComponent(hostile)}`), count: 1 });
				sentAsData.push(hostile);
			}
		}
		actionFigures[`path:${c.label}`] = { values: MORE.length, refused, sentEncodedAsOneSegment: sentAsData.length };
		// Every one of these is a dot-segment, separator or control character in some decoded form.
		expect({ sentAsData }).toEqual({ sentAsData: [] });
		expect(refused).toBe(MORE.length);
		// Look-alikes that are plain data go out as one encoded segment.
		for (const harmless of HARMLESS) {
			const seen = capture(c.base);
			const result = await run(c.node, c.parameters, { hostile: harmless });
			nock.cleanAll();
			expect({ harmless, error: result.error('Node')?.message, count: seen.length }).toEqual({ harmless, error: undefined, count: 1 });
			expect(seen[0].split(' ')[1]).toContain(`/${encodeURIComponent(harmless)}`);
		}
	});
});

describe('action nodes: amounts, dates and numeric options from expressions', () => {
	// What an expression can resolve to where a number or a date is expected.
	const NOT_NUMBERS: unknown[] = ['abc', '1,5', '12abc', '€12', '0x10', 'NaN', 'Infinity', '1e309', true, [], {}, [5], '2025-01-31'];
	const NOT_DATES: unknown[] = ['abc', 'not a date', '2025-13-45', '2025-02-30', '31/01/2025', '12', '-5', 'NaN', '1e309', true, [], {}, '2025-01-31T25:00:00Z'];
	const DATES: unknown[] = ['2025-01-31', '2025-01-31T09:00:00Z', '2025-01-31T09:00:00.123+02:00', '2025-01-31 09:00'];
	const contact = { __rl: true, mode: 'id', value: 'ct_1' };
	const cases: Array<{ label: string; node: 'ghl' | 'seventeenHats'; base: string; field: string; values: unknown[]; good: unknown[]; parameters: IDataObject }> = [
		{ label: '17hats Invoice → Create: Amount', node: 'seventeenHats', base: HATS_BASE, field: 'Amount', values: [...NOT_NUMBERS, -5, -0.01, ''], good: [0, 125.5, '125.50', ' 12 '], parameters: { resource: 'invoice', operation: 'create', contactId: contact, amount: '={{ $json.v }}' } },
		{ label: '17hats Invoice → Create: Amount Paid', node: 'seventeenHats', base: HATS_BASE, field: 'Additional Fields → Amount Paid', values: [...NOT_NUMBERS, -1], good: [0, 10], parameters: { resource: 'invoice', operation: 'create', contactId: contact, amount: 5, additionalFields: { amountPaid: '={{ $json.v }}' } } },
		{ label: '17hats Invoice → Create: Due Date', node: 'seventeenHats', base: HATS_BASE, field: 'Additional Fields → Due Date', values: NOT_DATES, good: DATES, parameters: { resource: 'invoice', operation: 'create', contactId: contact, amount: 5, additionalFields: { dueDate: '={{ $json.v }}' } } },
		{ label: 'GHL Contact Task → Create: Due Date', node: 'ghl', base: GHL_BASE, field: 'Due Date', values: NOT_DATES, good: DATES, parameters: { resource: 'contactTask', operation: 'create', contactId: { __rl: true, mode: 'id', value: 'c1' }, title: 't', dueDate: '={{ $json.v }}' } },
		{ label: 'GHL Contact → Get Many: Limit', node: 'ghl', base: GHL_BASE, field: 'Limit', values: [...NOT_NUMBERS, -5, 0, '', null], good: [1, '20'], parameters: { resource: 'contact', operation: 'getAll', returnAll: false, limit: '={{ $json.v }}' } },
		{ label: '17hats Contact → Get Many: Limit', node: 'seventeenHats', base: HATS_BASE, field: 'Limit', values: [...NOT_NUMBERS, -5, 0, '', null], good: [1, '20'], parameters: { resource: 'contact', operation: 'getAll', returnAll: false, limit: '={{ $json.v }}' } },
	];

	it.each(cases.map((c) => [c.label, c] as const))('%s: a value that is not one fails the item naming the field; nothing is sent', async (_label, c) => {
		for (const v of c.values) {
			const seen = capture(c.base);
			const result = await run(c.node, c.parameters, { v } as IDataObject);
			nock.cleanAll();
			const error = result.error('Node');
			expect({ v, sent: seen }).toEqual({ v, sent: [] });
			expect({ v, message: error?.message }).toEqual({ v, message: expect.stringContaining(`"${c.field}"`) });
			expect(error?.context?.itemIndex).toBe(0);
		}
		for (const v of c.good) {
			const seen = capture(c.base);
			const result = await run(c.node, c.parameters, { v } as IDataObject);
			nock.cleanAll();
			expect({ v, error: result.error('Node')?.message }).toEqual({ v, error: undefined });
			expect(seen.length).toBeGreaterThan(0);
			expect(seen.join('\n')).not.toMatch(/null|NaN|Infinity/);
		}
		actionFigures[`typed:${c.label}`] = { refused: c.values.length, accepted: c.good.length };
	});

	it('GHL Invoice → Create: an item amount from an expression that is not a number fails naming the field', async () => {
		const seen = capture(GHL_BASE);
		const result = await run(
			'ghl',
			{
				resource: 'invoice',
				operation: 'create',
				name: 'Inv',
				contactId: { __rl: true, mode: 'id', value: 'c1' },
				contactName: 'Ada',
				contactEmail: 'ada@example.com',
				currency: 'USD',
				issueDate: '2025-01-01',
				dueDate: '2025-01-31',
				lineItems: { item: [{ name: 'Line', amount: '={{ $json.v }}', qty: 1 }] },
			},
			{ v: '12,50 €' },
		);
		nock.cleanAll();
		expect(seen).toEqual([]);
		expect(result.error('Node')?.message).toMatch(/"[^"]*Amount"/);
	});
});

// Figures: after every suite of this file.
afterAll(() => {
	expect(unhandled).toEqual([]);
	writeFigures('hostile', {
		trigger: {
			cases: trials.length,
			refused: trials.filter((t) => t.status !== 200).length,
			accepted: trials.filter((t) => t.status === 200).length,
			fiveHundreds: trials.filter((t) => t.status >= 500).length,
			byStatus: trials.reduce<Record<string, number>>((acc, t) => ((acc[t.status] = (acc[t.status] ?? 0) + 1), acc), {}),
			slowestMs: Math.max(...trials.map((t) => t.ms)),
		},
		actions: actionFigures,
	});
});
