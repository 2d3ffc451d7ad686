/**
 * Property tests (fast-check) for the code that meets untrusted input:
 * the webhook signature verifier and the whole delivery handler, the replay
 * guard (in-process cache, timestamps, and n8n's processed data through the
 * engine), request path building, and the GHL → 17hats mapping. Each
 * property says: any input verifies or is refused / maps or fails with a
 * clear item error, and nothing else is ever thrown.
 * Run counts and seeds are recorded in docs/reliability.json (`property`).
 */
import { generateKeyPairSync, sign } from 'crypto';
import fc from 'fast-check';

import type { IDataObject } from 'n8n-workflow';

import { handleDelivery, type Outcome, type TriggerSettings } from '../../nodes/Ghl/webhook/handler';
import { KeyConfigError, parsePublicKeys, secretMatches, verifySignature } from '../../nodes/Ghl/webhook/signature';
import { checkTimestamp, parseTimestamp } from '../../nodes/Ghl/webhook/replay';
import { ReplayCache, replayKey } from '../../nodes/Ghl/webhook/replayCache';
import { buildPath, pathSegmentProblem, requestPath, templateProblem } from '../../nodes/common/requestPath';
import { applyMapping, MappingError, HATS_TARGETS, DEFAULT_MAPS, overrideKey } from '../../nodes/GhlTo17hats/mapping';
import { parseAmount } from '../../nodes/GhlTo17hats/mapping/transforms';
import { coreNodes } from '../support/harness';
import { createTriggerHarness } from '../support/triggerHarness';
import { writeFigures } from './support/figures';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);
const figures: Record<string, { runs: number; ms: number }> = {};

/** fc.assert with the run count recorded; a failure names the counterexample and the seed to replay it. */
async function check<T>(name: string, property: fc.IProperty<T> | fc.IAsyncProperty<T>, runs = RUNS): Promise<void> {
	const started = Date.now();
	await fc.assert(property as fc.IAsyncProperty<T>, { numRuns: runs });
	figures[name] = { runs, ms: Date.now() - started };
}

afterAll(() => writeFigures('property', { runsPerProperty: RUNS, properties: figures }));

// ---------------------------------------------------------------------------
// Signatures and the delivery handler
// ---------------------------------------------------------------------------

const ed = generateKeyPairSync('ed25519');
const ed2 = generateKeyPairSync('ed25519');
const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const edPem = ed.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const edKeys = parsePublicKeys(edPem, 'ed25519', 'Ed25519 Public Keys');
const bothEdKeys = parsePublicKeys(`${edPem}\n${ed2.publicKey.export({ type: 'spki', format: 'pem' }).toString()}`, 'ed25519', 'k');
const rsaKeys = parsePublicKeys(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'rsa', 'RSA Public Keys');

const bytes = fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a));
/** Signature header values: random text, random base64, near-misses. */
const signatureText = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 200 }),
	fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a).toString('base64')),
	fc.uint8Array({ minLength: 64, maxLength: 64 }).map((a) => Buffer.from(a).toString('base64url')),
	fc.constantFrom('', ' ', '=', '====', 'A', '-_-_', '\u0000', 'a,b', 'sig1 sig2'),
);

describe('signature verifier', () => {
	it('any signature text over any bytes is a boolean verdict, never a throw, and random ones never verify', () =>
		check(
			'signature: arbitrary input → boolean',
			fc.property(bytes, signatureText, fc.constantFrom('ed25519' as const, 'rsa' as const), (raw, signature, kind) => {
				const verdict = verifySignature(raw, signature, kind === 'ed25519' ? edKeys : rsaKeys, kind);
				expect(verdict).toBe(false);
			}),
		));

	it('a real signature verifies (with either rotation key) and any one-bit change of body or signature is refused', () =>
		check(
			'signature: genuine verifies, one bit flipped refused',
			fc.property(bytes, fc.nat(), fc.boolean(), fc.boolean(), (raw, at, flipBody, second) => {
				const signer = second ? ed2.privateKey : ed.privateKey;
				const signature = sign(null, raw, signer);
				expect(verifySignature(raw, signature.toString('base64'), bothEdKeys, 'ed25519')).toBe(true);
				expect(verifySignature(raw, signature.toString('base64'), edKeys, 'ed25519')).toBe(!second);
				if (flipBody && raw.length > 0) {
					const changed = Buffer.from(raw);
					changed[at % changed.length] ^= 1 << at % 8;
					expect(verifySignature(changed, signature.toString('base64'), bothEdKeys, 'ed25519')).toBe(false);
				} else {
					const changed = Buffer.from(signature);
					changed[at % changed.length] ^= 1 << at % 8;
					expect(verifySignature(raw, changed.toString('base64'), bothEdKeys, 'ed25519')).toBe(false);
				}
			}),
			150,
		));

	it('any text pasted as a public key gives keys or a KeyConfigError naming the field', () =>
		check(
			'signature: parsePublicKeys → keys or KeyConfigError',
			fc.property(
				fc.oneof(
					fc.string({ unit: 'binary', maxLength: 300 }),
					fc.uint8Array({ maxLength: 80 }).map((a) => Buffer.from(a).toString('base64')),
					fc.string({ maxLength: 100 }).map((s) => `-----BEGIN PUBLIC KEY-----\n${s}\n-----END PUBLIC KEY-----`),
				),
				fc.constantFrom('ed25519' as const, 'rsa' as const),
				(text, kind) => {
					try {
						const keys = parsePublicKeys(text, kind, 'Ed25519 Public Keys');
						for (const key of keys) expect(key.asymmetricKeyType).toBe(kind);
					} catch (error) {
						expect(error).toBeInstanceOf(KeyConfigError);
						expect((error as Error).message).toMatch(/^Ed25519 Public Keys/);
					}
				},
			),
		));

	it('shared secrets match exactly when equal and never when empty', () =>
		check(
			'signature: secretMatches ⇔ equality',
			fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
				expect(secretMatches(a, b)).toBe(b !== '' && a === b);
				expect(secretMatches(b, b)).toBe(b !== '');
			}),
		));
});

const SETTINGS: TriggerSettings = {
	source: 'app',
	events: ['*'],
	locationIds: [],
	verification: 'ed25519',
	ed25519Keys: edKeys,
	rsaKeys,
	secretHeader: 'x-webhook-secret',
	secret: '',
	toleranceMs: 300_000,
	requireTimestamp: false,
	rejectReplays: true,
	ipAllowlist: [],
	maxBodyBytes: 64 * 1024,
	maxJsonDepth: 64,
	workflowEvent: 'DocumentCompleted',
	eventField: 'customData.event',
};

const REFUSALS = new Set([400, 401, 403, 409, 413]);
function expectOutcome(outcome: Outcome): void {
	if (outcome.kind === 'accept') {
		expect(outcome.status).toBe(200);
		// The item must survive what n8n does with it: serialise and copy.
		expect(() => JSON.stringify(outcome.item)).not.toThrow();
	} else if (outcome.kind === 'ignore') {
		expect(outcome.status).toBe(200);
	} else {
		expect(REFUSALS.has(outcome.status)).toBe(true);
		expect(typeof outcome.body.error).toBe('string');
		expect(typeof outcome.body.message).toBe('string');
	}
}

/** Payloads shaped like deliveries, with hostile values where GHL puts data. */
const payload = fc.record(
	{
		type: fc.oneof(fc.constantFrom('ContactCreate', 'InvoicePaid', 'INSTALL', '__proto__', 'constructor', ''), fc.string(), fc.jsonValue()),
		locationId: fc.oneof(fc.string(), fc.jsonValue()),
		id: fc.oneof(fc.string(), fc.jsonValue()),
		webhookId: fc.oneof(fc.uuid(), fc.constantFrom('__proto__', 'constructor', 'toString', ''), fc.string({ maxLength: 300 }), fc.jsonValue()),
		timestamp: fc.oneof(
			fc.constant(new Date().toISOString()),
			fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
			fc.integer(),
			fc.double(),
			fc.string(),
			fc.jsonValue(),
		),
		status: fc.oneof(fc.constantFrom('paid', 'void', 'draft', 'sent'), fc.string()),
		data: fc.jsonValue({ maxDepth: 5 }),
	},
	{ requiredKeys: [] },
);

describe('delivery handler (what the GHL Trigger answers)', () => {
	it('any bytes with any headers: a 200 or a named refusal (400/401/403/409/413), never a throw', () =>
		check(
			'handler: arbitrary bytes/headers → outcome',
			fc.property(
				fc.oneof(bytes, fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? ''))),
				fc.dictionary(fc.constantFrom('x-ghl-signature', 'x-wh-signature', 'content-type', 'x-webhook-secret', 'content-length'), fc.oneof(signatureText, fc.array(signatureText, { maxLength: 3 }))),
				fc.option(fc.oneof(fc.ipV4(), fc.ipV6(), fc.string()), { nil: undefined }),
				(raw, headers, ip) => {
					const outcome = handleDelivery({ raw, headers, ip, now: Date.now() }, SETTINGS, { firstSeen: () => true });
					expectOutcome(outcome);
					// Unsigned random input never gets in.
					expect(outcome.kind).toBe('reject');
				},
			),
		));

	it('any correctly signed payload: accepted, or refused for its timestamp / form; replays always 409', () =>
		check(
			'handler: signed arbitrary payloads',
			fc.property(payload, fc.boolean(), (body, requireTimestamp) => {
				const raw = Buffer.from(JSON.stringify(body));
				const headers = { 'x-ghl-signature': sign(null, raw, ed.privateKey).toString('base64') };
				const seen = new Set<string>();
				const guard = { firstSeen: (id: string) => !seen.has(id) && !!seen.add(id) };
				const settings = { ...SETTINGS, requireTimestamp };
				const first = handleDelivery({ raw, headers, ip: '127.0.0.1', now: Date.now() }, settings, guard);
				expectOutcome(first);
				if (first.kind === 'reject') {
					expect([400, 401]).toContain(first.status);
					expect(['bad_timestamp', 'stale_timestamp', 'future_timestamp', 'missing_timestamp']).toContain(first.body.error);
				} else {
					if (first.kind === 'accept') expect(first.item.data).toEqual(JSON.parse(raw.toString()));
					const again = handleDelivery({ raw, headers, ip: '127.0.0.1', now: Date.now() }, settings, guard);
					if (typeof body.webhookId === 'string' && body.webhookId !== '') expect(again.status).toBe(409);
					else expectOutcome(again);
				}
			}),
		));
});

// ---------------------------------------------------------------------------
// Replay guard
// ---------------------------------------------------------------------------

describe('replay guard', () => {
	const step = fc.record({ key: fc.constantFrom('a', 'b', 'c', 'd', 'e', '__proto__', 'constructor'), advance: fc.integer({ min: 0, max: 400 }) });

	it('with room for every id: a webhookId is new exactly when it was not accepted within the retention', () =>
		check(
			'replay: cache equals the model (no eviction)',
			fc.property(fc.array(step, { maxLength: 200 }), fc.integer({ min: 1, max: 1000 }), (steps, retention) => {
				const cache = new ReplayCache(1000);
				const accepted = new Map<string, number>();
				let now = 0;
				for (const { key, advance } of steps) {
					now += advance;
					const expected = !accepted.has(key) || (accepted.get(key) as number) + retention <= now;
					expect(cache.firstSeen(key, now, retention)).toBe(expected);
					if (expected) accepted.set(key, now);
				}
				expect(cache.size).toBeLessThanOrEqual(7);
			}),
		));

	it('bounded: never calls a new id seen, and refuses a repeat while fewer than capacity ids came after it', () =>
		check(
			'replay: bounded cache is sound and complete within capacity',
			fc.property(
				fc.array(fc.record({ key: fc.integer({ min: 0, max: 30 }).map(String), advance: fc.integer({ min: 0, max: 50 }) }), { maxLength: 300 }),
				fc.integer({ min: 1, max: 12 }),
				fc.integer({ min: 1, max: 2000 }),
				(steps, capacity, retention) => {
					const cache = new ReplayCache(capacity);
					const log: Array<{ key: string; at: number }> = [];
					let now = 0;
					for (const { key, advance } of steps) {
						now += advance;
						const last = log.map((e, i) => ({ ...e, i })).filter((e) => e.key === key).pop();
						const fresh = cache.firstSeen(key, now, retention);
						if (!last || last.at + retention <= now) expect(fresh).toBe(true);
						else if (log.length - last.i <= capacity) expect(fresh).toBe(false);
						if (fresh) log.push({ key, at: now });
						expect(cache.size).toBeLessThanOrEqual(capacity);
					}
				},
			),
		));

	it('keys of different workflows, nodes or ids never collide', () =>
		check(
			'replay: replayKey injective',
			fc.property(
				fc.tuple(fc.string().filter((s) => !s.includes('\n')), fc.string().filter((s) => !s.includes('\n')), fc.string({ unit: 'binary', maxLength: 300 })),
				fc.tuple(fc.string().filter((s) => !s.includes('\n')), fc.string().filter((s) => !s.includes('\n')), fc.string({ unit: 'binary', maxLength: 300 })),
				(a, b) => {
					const same = a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
					expect(replayKey(...a) === replayKey(...b)).toBe(same);
				},
			),
		));

	it('any timestamp value gets a verdict, never a throw; a date inside the tolerance is ok in every accepted form', () =>
		check(
			'replay: timestamp verdicts',
			fc.property(fc.jsonValue(), fc.integer({ min: -299_000, max: 299_000 }), (value, offset) => {
				const now = Date.UTC(2025, 5, 1);
				expect(['ok', 'missing', 'invalid', 'stale', 'future']).toContain(checkTimestamp(value, now, 300_000));
				const at = now + offset;
				for (const form of [new Date(at).toISOString(), at, String(at)]) expect(checkTimestamp(form, now, 300_000)).toBe('ok');
				expect(parseTimestamp(new Date(at).toISOString())).toBe(at);
			}),
		));

	it('through the engine: any order of deliveries, repeats and n8n restarts reaches the write once per webhookId', async () => {
		const key = generateKeyPairSync('ed25519');
		await check(
			'replay: engine, restarts, once per webhookId',
			fc.asyncProperty(
				fc.array(fc.record({ id: fc.integer({ min: 0, max: 5 }), restart: fc.boolean(), concurrent: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 12 }),
				async (steps) => {
					const trigger = await createTriggerHarness({
						type: 'ghlTrigger',
						parameters: { source: 'app', verification: 'ed25519', ed25519PublicKeys: key.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
						downstream: [{ name: 'Write', type: 'n8n-nodes-base.noOp', parameters: {} }],
						extraPackages: [coreNodes('noOp')],
					});
					const writes = new Map<string, number>();
					const bodies = new Map<number, Buffer>();
					for (const { id, restart, concurrent } of steps) {
						if (restart) trigger.restart();
						const raw =
							bodies.get(id) ??
							Buffer.from(JSON.stringify({ type: 'ContactCreate', id: `c${id}`, webhookId: `wh-${id}`, timestamp: new Date().toISOString() }));
						bodies.set(id, raw);
						const headers = { 'x-ghl-signature': sign(null, raw, key.privateKey).toString('base64') };
						const calls = await Promise.all(Array.from({ length: concurrent }, () => trigger.webhook({ body: raw, headers })));
						for (const call of calls) {
							expect([200, 409]).toContain(call.status);
							if (call.ran('Write')) writes.set(`wh-${id}`, (writes.get(`wh-${id}`) ?? 0) + 1);
						}
					}
					expect([...writes.values()].every((n) => n === 1)).toBe(true);
					expect(writes.size).toBe(bodies.size);
				},
			),
			40,
		);
	});
});

// ---------------------------------------------------------------------------
// Request paths
// ---------------------------------------------------------------------------

const BASES = ['https://services.leadconnectorhq.com', 'https://api.17hats.com/v1', 'http://127.0.0.1:4020/v1/'];
const pathValue = fc.oneof(
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.string({ unit: fc.constantFrom('.', '/', '\\', '%', '2', 'e', 'E', 'f', 'F', '5', 'c', '?', '#', ' ', 'a', '\u0000', '\u2024', ';'), maxLength: 12 }),
	fc.constantFrom('..', '.', '%2e%2e', '%252e%252e', '..%2f', '\u2024\u2024', '\u20ac', '\u{1F600}', 'a\u0085b'),
);

describe('request path building', () => {
	it('any value is one encoded segment that decodes back to itself, or is refused naming the parameter', () =>
		check(
			'path: one segment or refused',
			fc.property(pathValue, fc.constantFrom(...BASES), (value, base) => {
				const template = '/contacts/{contactId}/notes/{id}';
				const built = requestPath(base, template, { contactId: 'c1', id: value });
				if ('refused' in built) {
					expect(built.parameter).toBe('id');
					expect(built.refused).toMatch(/"id"/);
					return;
				}
				const url = new URL(`${base.replace(/\/$/, '')}${built.path}`);
				expect(url.origin).toBe(new URL(base).origin);
				expect(url.search + url.hash).toBe('');
				const segments = url.pathname.slice(new URL(base).pathname.replace(/\/$/, '').length).split('/');
				expect(segments).toHaveLength(5);
				expect(segments.slice(0, 4)).toEqual(['', 'contacts', 'c1', 'notes']);
				expect(decodeURIComponent(segments[4])).toBe(value);
			}),
		));

	it('the pre-send shape check accepts every path buildPath makes (no false refusal)', () =>
		check(
			'path: buildPath ⇒ requestPath agree',
			fc.property(pathValue, fc.constantFrom(...BASES), (value, base) => {
				const built = buildPath('/contacts/{id}', { id: value });
				const sent = requestPath(base, '/contacts/{id}', { id: value });
				expect('path' in sent).toBe('path' in built);
				expect('path' in built).toBe(pathSegmentProblem(value) === undefined);
			}),
		));

	it('any template text is checked without throwing', () =>
		check(
			'path: arbitrary templates',
			fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.integer())), (template, params) => {
				const problem = templateProblem(template);
				const result = requestPath('https://api.17hats.com/v1', template, params);
				if (problem) expect('refused' in result).toBe(true);
				if ('path' in result) expect(new URL(`https://api.17hats.com/v1${result.path}`).pathname.startsWith('/v1/')).toBe(true);
			}),
		));
});

// ---------------------------------------------------------------------------
// Mapping
// ---------------------------------------------------------------------------

/** A GHL-ish record: the mapping's source paths with values of any kind. */
function recordFor(target: (typeof HATS_TARGETS)[number]): fc.Arbitrary<IDataObject> {
	const sources = DEFAULT_MAPS[target].rows.flatMap((r) => (Array.isArray(r.source) ? r.source : [r.source]).concat(r.fallback ? [r.fallback] : []));
	const value = fc.oneof(
		fc.jsonValue({ maxDepth: 2 }),
		fc.string({ unit: 'binary', maxLength: 30 }),
		fc.constantFrom('12,50', '1.234,56', '€12', 'NaN', '-0', '1e400', '2025-02-30', '__proto__', '', ' ', '0x10'),
		fc.double(),
	);
	return fc.dictionary(fc.constantFrom(...sources, '__proto__', 'constructor'), value).map((flat) => {
		const out: IDataObject = {};
		for (const [path, v] of Object.entries(flat)) {
			const parts = path.split('.');
			let node = out;
			for (const part of parts.slice(0, -1)) {
				if (!Object.hasOwn(node, part) || typeof node[part] !== 'object' || node[part] === null) {
					Object.defineProperty(node, part, { value: {}, enumerable: true, writable: true, configurable: true });
				}
				node = node[part] as IDataObject;
			}
			Object.defineProperty(node, parts[parts.length - 1], { value: v, enumerable: true, writable: true, configurable: true });
		}
		return out;
	});
}

function finite(value: unknown): boolean {
	if (typeof value === 'number') return Number.isFinite(value);
	if (Array.isArray(value)) return value.every(finite);
	if (value && typeof value === 'object') return Object.values(value).every(finite);
	return true;
}

describe('GHL → 17hats mapping', () => {
	it.each(HATS_TARGETS)('%s: any record and any overrides map to finite, serialisable values or fail with a MappingError naming the field', (target) =>
		check(
			`mapping: ${target}`,
			fc.property(
				recordFor(target),
				fc.dictionary(fc.constantFrom(...DEFAULT_MAPS[target].rows.map((r) => overrideKey(target, r.field))), fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 1 }))),
				fc.constantFrom('major' as const, 'minor' as const),
				fc.constantFrom('point' as const, 'comma' as const),
				(record, overrides, amountUnits, decimalSeparator) => {
					try {
						const { values, warnings } = applyMapping(target, record, { overrides, amountUnits, decimalSeparator });
						expect(finite(values)).toBe(true);
						expect(() => JSON.stringify(values)).not.toThrow();
						expect(warnings.every((w) => typeof w === 'string' && w.length > 0)).toBe(true);
					} catch (error) {
						expect(error).toBeInstanceOf(MappingError);
						expect((error as Error).message).toMatch(/^(Contact|Document|Contract|Invoice): .+/);
					}
				},
			),
		),
	);

	it('amounts written with either separator and grouping read back exactly', () =>
		check(
			'mapping: parseAmount round trip',
			fc.property(fc.integer({ min: -10_000_000_00, max: 10_000_000_00 }), fc.boolean(), (cents, comma) => {
				const major = Math.trunc(Math.abs(cents) / 100);
				const minor = String(Math.abs(cents) % 100).padStart(2, '0');
				const grouped = major.toLocaleString('en-US').replace(/,/g, comma ? '.' : ',');
				const text = `${cents < 0 ? '-' : ''}${grouped}${comma ? ',' : '.'}${minor}`;
				expect(parseAmount(text, comma ? 'comma' : 'point')).toBe(cents / 100);
			}),
		));
});
