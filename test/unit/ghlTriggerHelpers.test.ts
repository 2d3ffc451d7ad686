/** Pure helpers behind the GHL triggers: CIDR matching, replay cache, body limits, keys, catalog, change detection. */
import { execFileSync } from 'child_process';
import { generateKeyPairSync } from 'crypto';
import { resolve } from 'path';

import { ipAllowed, parseCidrs, parseIp } from '../../nodes/Ghl/webhook/ipAllowlist';
import { jsonDepthExceeds, readJsonBody } from '../../nodes/Ghl/webhook/body';
import { checkTimestamp, MIN_RETENTION_MS, retentionMs } from '../../nodes/Ghl/webhook/replay';
import { ReplayCache, replayKey } from '../../nodes/Ghl/webhook/replayCache';
import { parsePublicKeys, secretMatches } from '../../nodes/Ghl/webhook/signature';
import { eventByType, eventOptions, getPath, inferEvent } from '../../nodes/Ghl/webhook/events';
import { GHL_WEBHOOK_EVENTS } from '../../nodes/Ghl/webhook/eventCatalog';
import { baseline, diffRecords, type PollFilters, type ResourceState } from '../../nodes/Ghl/poll/diff';
import { documentRecord } from '../../nodes/Ghl/poll/sources';

describe('IP allowlist', () => {
	const cidrs = parseCidrs('10.0.0.0/8\n192.168.1.5, 2001:db8::/32; ::ffff:198.51.100.0/120');
	it.each([
		['10.255.0.1', true],
		['11.0.0.1', false],
		['192.168.1.5', true],
		['192.168.1.6', false],
		['::ffff:10.1.1.1', true],
		['198.51.100.200', true],
		['2001:db8:ffff::1', true],
		['2001:db9::', false],
		['[2001:db8::1]', true],
		['', false],
		['not-an-ip', false],
	])('%s → %s', (ip, allowed) => expect(ipAllowed(ip, cidrs)).toBe(allowed));

	it('allows everything when empty and rejects bad entries', () => {
		expect(ipAllowed('1.2.3.4', [])).toBe(true);
		expect(() => parseCidrs('10.0.0.0/33')).toThrow(/not an IP address/);
		expect(() => parseCidrs('1.2.3')).toThrow();
		expect(() => parseCidrs('2001:db8::/129')).toThrow();
		expect(() => parseCidrs('1::2::3')).toThrow();
		expect(parseIp('::')).toEqual({ version: 6, value: 0n });
	});
});

describe('replay guard', () => {
	it('judges timestamps in ISO, seconds and milliseconds', () => {
		const now = Date.parse('2025-01-01T12:00:00Z');
		expect(checkTimestamp('2025-01-01T11:56:00Z', now, 300_000)).toBe('ok');
		expect(checkTimestamp('2025-01-01T11:54:00Z', now, 300_000)).toBe('stale');
		expect(checkTimestamp(now / 1000 + 600, now, 300_000)).toBe('future');
		expect(checkTimestamp(String(now), now, 300_000)).toBe('ok');
		expect(checkTimestamp(undefined, now, 300_000)).toBe('missing');
		expect(checkTimestamp('yesterday-ish', now, 300_000)).toBe('invalid');
	});

	it('keeps ids 2× the tolerance (at least an hour), and without a tolerance until pushed out', () => {
		expect(retentionMs(300_000)).toBe(MIN_RETENTION_MS);
		expect(retentionMs(3 * 60 * 60 * 1000)).toBe(6 * 60 * 60 * 1000);
		expect(retentionMs(0)).toBe(Number.POSITIVE_INFINITY);
	});
});

describe('in-process replay cache', () => {
	const HOUR = 60 * 60 * 1000;

	it('says "first" once per key within its retention', () => {
		const cache = new ReplayCache(10);
		expect(cache.firstSeen('a', 0, HOUR)).toBe(true);
		expect(cache.firstSeen('a', 1000, HOUR)).toBe(false);
		expect(cache.firstSeen('b', 1000, HOUR)).toBe(true);
		// Past its retention an id counts as new again.
		expect(cache.firstSeen('a', HOUR + 1, HOUR)).toBe(true);
		expect(cache.firstSeen('a', HOUR + 2, HOUR)).toBe(false);
	});

	it('is bounded: beyond its capacity the oldest ids go first', () => {
		const cache = new ReplayCache(100);
		for (let i = 0; i < 150; i++) cache.firstSeen(`id${i}`, i, Number.POSITIVE_INFINITY);
		expect(cache.size).toBe(100);
		expect(cache.firstSeen('id149', 200, Number.POSITIVE_INFINITY)).toBe(false);
		expect(cache.firstSeen('id49', 200, Number.POSITIVE_INFINITY)).toBe(true);
	});

	it('drops expired ids from its head as time passes', () => {
		const cache = new ReplayCache(1000);
		for (let i = 0; i < 500; i++) cache.firstSeen(`id${i}`, i, HOUR);
		cache.firstSeen('late', 10 * HOUR, HOUR);
		expect(cache.size).toBe(1);
	});

	it('without a tolerance keeps ids however old, until pushed out by capacity', () => {
		const cache = new ReplayCache(3);
		cache.firstSeen('first', 0, Number.POSITIVE_INFINITY);
		expect(cache.firstSeen('first', 365 * 24 * HOUR, Number.POSITIVE_INFINITY)).toBe(false);
		for (const id of ['x', 'y', 'z']) cache.firstSeen(id, 1, Number.POSITIVE_INFINITY);
		expect(cache.firstSeen('first', 2, Number.POSITIVE_INFINITY)).toBe(true);
	});

	it('treats Object.prototype names as ordinary ids', () => {
		const cache = new ReplayCache(10);
		for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
			expect(cache.firstSeen(id, 0, HOUR)).toBe(true);
			expect(cache.firstSeen(id, 1, HOUR)).toBe(false);
		}
	});

	it('keys by workflow, node and webhookId, and keeps very long ids short', () => {
		expect(replayKey('w1', 'n1', 'id')).not.toBe(replayKey('w2', 'n1', 'id'));
		expect(replayKey('w1', 'n1', 'id')).not.toBe(replayKey('w1', 'n2', 'id'));
		expect(replayKey('w1', 'n1', 'a\nb')).not.toBe(replayKey('w1', 'n1\na', 'b'));
		expect(replayKey('w', 'n', 'x'.repeat(100_000)).length).toBeLessThan(200);
		expect(replayKey('w', 'n', 'x'.repeat(100_000))).not.toBe(replayKey('w', 'n', `${'x'.repeat(99_999)}y`));
	});

	it('stays cheap when full: 10,000 checks against 50,000 remembered ids take milliseconds, not a walk over all of them', () => {
		// Walking or sorting the remembered ids per delivery (as the static-data store did)
		// costs ~1 ms per check at this size, i.e. tens of seconds here.
		const cache = new ReplayCache(50_000);
		for (let i = 0; i < 50_000; i++) cache.firstSeen(`seed-${i}`, i, i % 2 === 0 ? HOUR : Number.POSITIVE_INFINITY);
		const ids = Array.from({ length: 10_000 }, (_, i) => `new-${i}`);
		let firsts = 0;
		let repeats = 0;
		const started = Date.now();
		for (const [i, id] of ids.entries()) {
			if (cache.firstSeen(id, 50_000 + i, HOUR)) firsts++;
			if (!cache.firstSeen(id, 50_000 + i, HOUR)) repeats++;
		}
		const ms = Date.now() - started;
		expect({ firsts, repeats, size: cache.size }).toEqual({ firsts: 10_000, repeats: 10_000, size: 50_000 });
		expect(ms).toBeLessThan(2000);
	});
});

describe('webhook body limits', () => {
	it('measures nesting outside strings only', () => {
		expect(jsonDepthExceeds('{"a":{"b":[1]}}', 3)).toBe(false);
		expect(jsonDepthExceeds('{"a":{"b":[[1]]}}', 3)).toBe(true);
		expect(jsonDepthExceeds('{"s":"[[[[{{{{","t":"\\"[[[["}', 1)).toBe(false);
		expect(jsonDepthExceeds('{"s":"\\\\","t":[[1]]}', 2)).toBe(true);
		expect(jsonDepthExceeds(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, 64)).toBe(true);
	});

	it('reads UTF-8 JSON objects: a byte order mark is skipped, bad bytes, non-objects and deep bodies are refused', () => {
		expect(readJsonBody(Buffer.from('{"a":"é"}'), 64)).toEqual({ body: { a: 'é' } });
		expect(readJsonBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]), 64)).toEqual({ body: { a: 1 } });
		expect(readJsonBody(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]), 64)).toMatchObject({ problem: { error: 'invalid_utf8' } });
		expect(readJsonBody(Buffer.from('[1]'), 64)).toMatchObject({ problem: { error: 'malformed_body' } });
		expect(readJsonBody(Buffer.from('{"a":'), 64)).toMatchObject({ problem: { error: 'malformed_body' } });
		expect(readJsonBody(Buffer.from('{"a":{"b":{}}}'), 2)).toMatchObject({ problem: { error: 'too_deep' } });
	});
});

describe('keys and secrets', () => {
	it('reads several PEM keys and raw base64 Ed25519 keys, and names the bad one', () => {
		const a = generateKeyPairSync('ed25519').publicKey;
		const b = generateKeyPairSync('ed25519').publicKey;
		const pemA = a.export({ type: 'spki', format: 'pem' }).toString();
		const rawB = (b.export({ type: 'spki', format: 'der' }) as Buffer).subarray(12).toString('base64');
		expect(parsePublicKeys(`${pemA}\n${rawB}`, 'ed25519', 'Keys')).toHaveLength(2);
		expect(() => parsePublicKeys('hello', 'ed25519', 'Keys')).toThrow(/Keys #1 is not a valid public key/);
		expect(() => parsePublicKeys('{"k": 1}', 'ed25519', 'Keys')).toThrow(/not a PEM public key/);
		expect(() => parsePublicKeys(pemA, 'rsa', 'RSA Keys')).toThrow(/RSA Keys #1 is an ED25519 key/);
	});

	it('compares secrets in constant time and never matches an empty secret', () => {
		expect(secretMatches('abc', 'abc')).toBe(true);
		expect(secretMatches('abcd', 'abc')).toBe(false);
		expect(secretMatches('', '')).toBe(false);
	});
});

describe('event catalog', () => {
	it('is generated from the reference and up to date', () => {
		const script = resolve(__dirname, '..', '..', 'scripts', 'generate-ghl-webhook-events.js');
		expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
	});

	it('lists every documented event once, All Events first, and maps wire names', () => {
		expect(GHL_WEBHOOK_EVENTS).toHaveLength(58);
		const options = eventOptions();
		expect(options[0].value).toBe('*');
		expect(new Set(options.map((o) => o.value)).size).toBe(options.length);
		expect(eventByType('INSTALL')?.name).toBe('AppInstall');
		expect(eventByType('ConversationUnreadUpdate')?.name).toBe('ConversationUnreadWebhook');
		expect(eventByType('SMS')).toBeUndefined();
	});
});

describe('untyped webhook payloads', () => {
	const invoice = (status: string, createdAt = '2023-12-12T09:27:42.355Z', updatedAt = createdAt) => ({
		_id: 'inv1',
		invoiceNumber: '19',
		altId: 'loc',
		altType: 'location',
		amountPaid: 0,
		status,
		createdAt,
		updatedAt,
	});

	it.each([
		['draft', undefined, 'InvoiceCreate'],
		['draft', '2023-12-12T09:27:43.900Z', 'InvoiceCreate'],
		['draft', '2023-12-12T11:00:00.000Z', 'InvoiceUpdate'],
		['sent', undefined, 'InvoiceSent'],
		['paid', undefined, 'InvoicePaid'],
		['partially_paid', undefined, 'InvoicePartiallyPaid'],
		['void', undefined, 'InvoiceVoid'],
		['delete', undefined, 'InvoiceDelete'],
		['payment_processing', undefined, 'InvoiceUpdate'],
	])('invoice status %s (updatedAt %s) → %s, filtered by that event alone', (status, updatedAt, event) => {
		const inferred = inferEvent(invoice(status, undefined, updatedAt));
		expect(inferred?.guess.name).toBe(event);
		expect(inferred?.matches.map((e) => e.name)).toEqual([event]);
		expect(inferred?.family.length).toBe(7);
	});

	it('payload values that are Object.prototype names are plain data', () => {
		const inferred = inferEvent(invoice('constructor'));
		expect(inferred?.guess.name).toBe('InvoiceUpdate');
		expect(inferred?.matches.map((e) => e.name)).toEqual(['InvoiceUpdate']);
		expect(getPath({ a: {} }, 'a.constructor.name')).toBeUndefined();
		expect(getPath({}, '__proto__')).toBeUndefined();
		expect(getPath(JSON.parse('{"__proto__":{"x":"own"}}'), '__proto__.x')).toBe('own');
	});

	it('families without a distinguishing field match any of their events', () => {
		const product = inferEvent({ _id: 'p1', productType: 'DIGITAL', locationId: 'loc' });
		expect(product?.guess.name).toBe('ProductUpdate');
		expect(product?.matches.map((e) => e.name).sort()).toEqual(['ProductCreate', 'ProductDelete', 'ProductUpdate']);
		expect(inferEvent({ hello: 'world' })).toBeUndefined();
	});
});

describe('poll change detection', () => {
	const filters: PollFilters = { events: ['new', 'statusChanged', 'paymentStatusChanged'], statuses: [], paymentStatuses: [], types: [] };
	const doc = (id: string, status: string, updated: number, created = 0) =>
		documentRecord({ _id: id, status: [status], paymentStatus: 'no_payment', createdAt: new Date(created).toISOString(), updatedAt: new Date(updated).toISOString() });

	it('reports a version once, and only what changed', () => {
		const state: ResourceState = { key: 'k', since: 1000, watermark: 1000, known: {} };
		baseline('document', [doc('a', 'draft', 500)], state);
		expect(diffRecords('document', [doc('a', 'draft', 500)], state, filters, 2000)).toEqual([]);
		const changed = diffRecords('document', [doc('a', 'sent', 1500), doc('b', 'draft', 1600, 1600)], state, filters, 2000);
		expect(changed.map((e) => e.event)).toEqual(['DocumentStatusChanged', 'DocumentCreated']);
		expect(diffRecords('document', [doc('a', 'sent', 1500), doc('b', 'draft', 1600, 1600)], state, filters, 3000)).toEqual([]);
	});
});
