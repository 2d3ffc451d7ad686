/** Pure helpers behind the GHL triggers: CIDR matching, replay store, keys, catalog, change detection. */
import { execFileSync } from 'child_process';
import { generateKeyPairSync } from 'crypto';
import { resolve } from 'path';

import { ipAllowed, parseCidrs, parseIp } from '../../nodes/Ghl/webhook/ipAllowlist';
import { alreadySeen, checkTimestamp, MAX_REMEMBERED_IDS, remember, replayStore } from '../../nodes/Ghl/webhook/replay';
import { parsePublicKeys, secretMatches } from '../../nodes/Ghl/webhook/signature';
import { eventByType, eventOptions, inferEvent } from '../../nodes/Ghl/webhook/events';
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

	it('remembers ids in a bounded store', () => {
		const data = {};
		const store = replayStore(data);
		for (let i = 0; i < MAX_REMEMBERED_IDS + 50; i++) remember(store, `id${i}`, 1_000_000 + i, 300_000);
		expect(Object.keys(store.seen)).toHaveLength(MAX_REMEMBERED_IDS);
		expect(alreadySeen(store, 'id0')).toBe(false);
		expect(alreadySeen(store, `id${MAX_REMEMBERED_IDS + 49}`)).toBe(true);
		// Entries older than the retention are dropped.
		remember(store, 'late', 1_000_000 + 10 * 60 * 60 * 1000, 300_000);
		expect(Object.keys(store.seen)).toEqual(['late']);
	});

	it('with tolerance 0 (no timestamp check) keeps ids until the store is full, however old', () => {
		const store = replayStore({});
		remember(store, 'first', 1_000_000, 0);
		remember(store, 'a-year-later', 1_000_000 + 365 * 24 * 60 * 60 * 1000, 0);
		expect(alreadySeen(store, 'first')).toBe(true);
		for (let i = 0; i < MAX_REMEMBERED_IDS; i++) remember(store, `id${i}`, 2_000_000_000_000 + i, 0);
		expect(Object.keys(store.seen)).toHaveLength(MAX_REMEMBERED_IDS);
		expect(alreadySeen(store, 'first')).toBe(false);
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
