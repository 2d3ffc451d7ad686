/** Behaviour of the fake 17hats beyond shapes: duplicates, keys, limits, faults, pagination, scopes. */
import { startHatsSandbox, DEFAULT_HATS_API_KEY, type HatsSandbox } from '../../sandbox/hats';
import { SpecCheckedClient } from './hatsSpecClient';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits until Date.now() is past `ms` (the sandbox runs in this process, on the same clock). */
const clockPast = async (ms: number) => {
	while (Date.now() <= ms) await sleep(Math.max(1, ms - Date.now() + 1));
};

describe('fake 17hats', () => {
	let sb: HatsSandbox;
	let c: SpecCheckedClient;

	beforeAll(async () => {
		sb = await startHatsSandbox({ port: 0, rateLimit: { max: 100_000, windowMs: 60_000 } });
		c = new SpecCheckedClient(sb);
	});
	afterAll(() => sb.close());

	test('seeds contacts (one with a project) and templates; reset restores them', async () => {
		const contacts = (await c.call('GET', '/contacts?metadata.source=sandbox-seed')).body.data;
		expect(contacts.map((x: { first_name: string }) => x.first_name)).toEqual(['Ada', 'Grace', 'Alan']);
		const projects = (await c.call('GET', '/projects')).body.data;
		expect(projects).toHaveLength(1);
		expect(projects[0].contact_id).toBe(contacts[0].contact_id);
		await c.call('POST', '/contacts', { body: { first_name: 'Extra' } });
		expect((await c.admin('GET', '/__admin/state')).body.counts.contacts).toBe(4);
		expect((await c.admin('POST', '/__admin/reset')).status).toBe(200);
		const state = (await c.admin('GET', '/__admin/state')).body;
		expect(state.counts).toMatchObject({ contacts: 3, projects: 1 });
		expect(state.templates.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['Welcome Agreement', 'Renewal Notice']));
	});

	test('PATCH with if_updated_at applies only to the record as read: 409 modified otherwise; updated_at moves on every write', async () => {
		const made = (await c.call('POST', '/contacts', { body: { first_name: 'Ifu', external_id: 'ghl_ifu_1' } })).body;
		const read = String(made.updated_at);
		// Two writers decided on the same read: the first applies, the second is refused and changes nothing.
		const [a, b] = [await c.call('PATCH', `/contacts/${made.contact_id}`, { body: { phone: '+1 555 0101', if_updated_at: read } }), await c.call('PATCH', `/contacts/${made.contact_id}`, { body: { phone: '+1 555 0202', if_updated_at: read } })];
		expect(a.status).toBe(200);
		expect(a.body).not.toHaveProperty('if_updated_at');
		expect(Date.parse(a.body.updated_at)).toBeGreaterThan(Date.parse(read));
		expect(b.status).toBe(409);
		expect(b.body.error).toMatchObject({ code: 'modified', details: { updated_at: a.body.updated_at } });
		expect((await c.call('GET', `/contacts/${made.contact_id}`)).body).toMatchObject({ phone: '+1 555 0101', updated_at: a.body.updated_at });
		// Without the field a PATCH applies as before.
		expect((await c.call('PATCH', `/contacts/${made.contact_id}`, { body: { phone: '+1 555 0303' } })).status).toBe(200);
	});

	test('409 duplicate_external_id on create and on update, naming the existing record', async () => {
		const first = await c.call('POST', '/contacts', { body: { email: 'dup@example.com', external_id: 'ghl_dup_1' } });
		const again = await c.call('POST', '/contacts', { body: { email: 'dup2@example.com', external_id: 'ghl_dup_1' } });
		expect(again.status).toBe(409);
		expect(again.body.error).toMatchObject({ code: 'duplicate_external_id', details: { existing_id: first.body.contact_id, external_id: 'ghl_dup_1' } });
		const other = await c.call('POST', '/contacts', { body: { email: 'dup3@example.com' } });
		const clash = await c.call('PATCH', `/contacts/${other.body.contact_id}`, { body: { external_id: 'ghl_dup_1' } });
		expect(clash.status).toBe(409);
		expect(clash.body.error.details.existing_id).toBe(first.body.contact_id);
		// Same external id on a different resource type is fine; re-setting your own is fine.
		expect((await c.call('POST', '/projects', { body: { contact_id: first.body.contact_id, name: 'p', external_id: 'ghl_dup_1' } })).status).toBe(201);
		expect((await c.call('PATCH', `/contacts/${first.body.contact_id}`, { body: { external_id: 'ghl_dup_1' } })).status).toBe(200);
		const found = await c.call('GET', '/contacts?external_id=ghl_dup_1');
		expect(found.body.data.map((x: { contact_id: string }) => x.contact_id)).toEqual([first.body.contact_id]);
	});

	test('pagination walks every record exactly once, even with inserts during the walk', async () => {
		const made = new Set<string>();
		for (let i = 0; i < 53; i++) {
			made.add((await c.call('POST', '/contacts', { body: { first_name: `P${i}`, metadata: { batch: 'pg' } } })).body.contact_id);
		}
		await c.call('POST', '/contacts', { body: { first_name: 'other', metadata: { batch: 'no' } } });
		const seen: string[] = [];
		let cursor: string | null = null;
		let pages = 0;
		do {
			const q: string = `/contacts?limit=10&metadata.batch=pg${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
			const page = await c.call('GET', q);
			expect(page.status).toBe(200);
			expect(page.body.data.length).toBeLessThanOrEqual(10);
			seen.push(...page.body.data.map((x: { contact_id: string }) => x.contact_id));
			cursor = page.body.next_cursor;
			if (++pages === 2) {
				// A record created mid-walk shows up at the end, once.
				made.add((await c.call('POST', '/contacts', { body: { first_name: 'late', metadata: { batch: 'pg' } } })).body.contact_id);
			}
		} while (cursor);
		expect(pages).toBe(6);
		expect(seen).toHaveLength(54);
		expect(new Set(seen).size).toBe(seen.length);
		expect(new Set(seen)).toEqual(made);
		// Default page size 25.
		expect((await c.call('GET', '/contacts?metadata.batch=pg')).body.data).toHaveLength(25);
	});

	test('filters: email (case-insensitive), type, updated_since, metadata, combined', async () => {
		const a = await c.call('POST', '/contacts', { body: { email: 'Filter.Me@Example.com', type: 'hot_lead', metadata: { ghl_id: 'F1', loc: 'L' } } });
		// No wall-clock margin: the mark is 1 ms after a's stamp, and b is only created once the clock has passed it.
		const mark = new Date(Date.parse(a.body.updated_at) + 1).toISOString();
		await clockPast(Date.parse(mark));
		const b = await c.call('POST', '/contacts', { body: { email: 'b.filter@example.com', type: 'cold_prospect', metadata: { ghl_id: 'F2', loc: 'L' } } });
		const ids = async (q: string) => (await c.call('GET', `/contacts?${q}`)).body.data.map((x: { contact_id: string }) => x.contact_id);
		expect(await ids('email=filter.me@example.com')).toEqual([a.body.contact_id]);
		expect(await ids('metadata.loc=L&type=cold_prospect')).toEqual([b.body.contact_id]);
		expect(await ids(`metadata.loc=L&updated_since=${encodeURIComponent(mark)}`)).toEqual([b.body.contact_id]);
		expect(await ids('metadata.ghl_id=F1&metadata.loc=L')).toEqual([a.body.contact_id]);
		expect(await ids('metadata.ghl_id=nope')).toEqual([]);
		await c.call('PATCH', `/contacts/${a.body.contact_id}`, { body: { notes: 'touched' } });
		expect(await ids(`metadata.loc=L&updated_since=${encodeURIComponent(mark)}`)).toEqual([a.body.contact_id, b.body.contact_id]);
		// metadata in a PATCH replaces the whole object
		const replaced = await c.call('PATCH', `/contacts/${a.body.contact_id}`, { body: { metadata: { ghl_id: 'F1' } } });
		expect(replaced.body.metadata).toEqual({ ghl_id: 'F1' });
	});

	test('scopes are enforced and the 403 names the missing scope', async () => {
		const readOnly = (await c.admin('POST', '/__admin/keys', { scopes: ['contacts:read'] })).body.api_key;
		expect((await c.call('GET', '/contacts', { key: readOnly })).status).toBe(200);
		const me = await c.call('GET', '/me', { key: readOnly });
		expect(me.body.scopes).toEqual(['contacts:read']);
		const denied = await c.call('POST', '/contacts', { key: readOnly, body: { first_name: 'x' } });
		expect(denied.status).toBe(403);
		expect(denied.body.error).toMatchObject({ code: 'insufficient_scope', details: { required_scope: 'contacts:write', granted_scopes: ['contacts:read'] } });
		expect(denied.body.error.message).toContain('contacts:write');
		expect((await c.call('GET', '/invoices', { key: readOnly })).body.error.details.required_scope).toBe('invoices:read');
		expect((await c.call('POST', '/contracts/k_x/send', { key: readOnly })).body.error.details.required_scope).toBe('contracts:write');
		expect((await c.call('GET', '/templates', { key: readOnly })).body.error.details.required_scope).toBe('templates:read');
	});

	test('X-Request-Id is unique per response and matches error.request_id; admin answers carry it too', async () => {
		const ids = new Set<string>();
		for (let i = 0; i < 5; i++) ids.add((await c.call('GET', '/contacts/ct_nope')).headers.get('x-request-id')!);
		expect(ids.size).toBe(5);
		const res = await fetch(`${sb.origin}/__admin/state`);
		expect(res.headers.get('x-request-id')).toMatch(/^req_/);
		const nowhere = await fetch(`${sb.origin}/v2/contacts`);
		expect(nowhere.status).toBe(404);
		expect(((await nowhere.json()) as { error: { request_id: string } }).error.request_id).toBe(nowhere.headers.get('x-request-id'));
	});

	test('request log records calls with the key redacted', async () => {
		await c.admin('GET', '/__admin/requests?clear=1');
		await c.call('POST', '/contacts', { body: { first_name: 'Logged' } });
		const log = (await c.admin('GET', '/__admin/requests')).body.requests;
		expect(log).toHaveLength(1);
		expect(log[0]).toMatchObject({ server: '17hats', method: 'POST', path: '/v1/contacts', status: 201, body: { first_name: 'Logged' } });
		expect(log[0].headers.authorization).toBe('Bearer [REDACTED]');
		expect(JSON.stringify(log)).not.toContain(sb.apiKey);
	});
});

describe('key rotation', () => {
	let sb: HatsSandbox;
	let c: SpecCheckedClient;
	beforeAll(async () => {
		sb = await startHatsSandbox({ port: 0, seed: false });
		c = new SpecCheckedClient(sb);
	});
	afterAll(() => sb.close());

	test('the old key works during the overlap, then gets 401 key_rotated; the new key keeps working', async () => {
		expect(sb.apiKey).toBe(DEFAULT_HATS_API_KEY);
		const rot = await c.admin('POST', '/__admin/rotate-key', { overlapSeconds: 0.5 });
		expect(rot.status).toBe(200);
		const newKey: string = rot.body.api_key;
		expect(newKey).not.toBe(sb.apiKey);
		expect(rot.body.previous_key_expires_at).not.toBeNull();
		expect((await c.call('GET', '/me', { key: sb.apiKey })).status).toBe(200);
		const me = await c.call('GET', '/me', { key: newKey });
		expect(me.status).toBe(200);
		expect(me.body.key_id).toBe(rot.body.key_id);
		expect(me.body.scopes).toHaveLength(11);

		// Past the overlap with 300 ms to spare, measured from the expiry the sandbox reported.
		await clockPast(Date.parse(rot.body.previous_key_expires_at) + 300);
		const old = await c.call('GET', '/contacts', { key: sb.apiKey });
		expect(old.status).toBe(401);
		expect(old.body.error.code).toBe('key_rotated');
		expect(old.body.error.message).toMatch(/rotated/);
		expect(old.body.error.message).toMatch(/new API key/);
		expect((await c.call('GET', '/contacts', { key: newKey })).status).toBe(200);

		// Rotating with no overlap cuts the previous key off at once.
		const again = (await c.admin('POST', '/__admin/rotate-key', { overlapSeconds: 0 })).body.api_key;
		expect((await c.call('GET', '/me', { key: newKey })).body.error.code).toBe('key_rotated');
		expect((await c.call('GET', '/me', { key: again })).status).toBe(200);
		expect((await c.admin('POST', '/__admin/rotate-key', { overlapSeconds: -1 })).status).toBe(400);
	});
});

describe('rate limit', () => {
	test('default is 120 per 60 s per key, shown in the headers', async () => {
		const sb = await startHatsSandbox({ port: 0, seed: false });
		try {
			const r = await new SpecCheckedClient(sb).call('GET', '/me');
			expect(r.headers.get('x-ratelimit-limit')).toBe('120');
			expect(r.headers.get('x-ratelimit-remaining')).toBe('119');
			expect(Number(r.headers.get('x-ratelimit-reset'))).toBeGreaterThan(58);
		} finally {
			await sb.close();
		}
	});

	test('a burst over the limit gets 429 with Retry-After and the headers; other keys are separate; the window resets', async () => {
		const sb = await startHatsSandbox({ port: 0, seed: false, rateLimit: { max: 5, windowMs: 1000 } });
		const c = new SpecCheckedClient(sb);
		try {
			const burstAt = Date.now();
			const burst = await Promise.all(Array.from({ length: 8 }, () => c.call('GET', '/contacts')));
			const statuses = burst.map((r) => r.status).sort();
			expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
			const limited = burst.find((r) => r.status === 429)!;
			expect(limited.body.error.code).toBe('rate_limited');
			expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
			expect(limited.headers.get('x-ratelimit-limit')).toBe('5');
			expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
			expect(burst.filter((r) => r.status === 200).map((r) => r.headers.get('x-ratelimit-remaining')).sort()).toEqual(['0', '1', '2', '3', '4']);

			const other = (await c.admin('POST', '/__admin/keys', {})).body.api_key;
			expect((await c.call('GET', '/contacts', { key: other })).status).toBe(200);

			// The 1 s window opened at the burst's first request: wait until 300 ms past its end.
			await clockPast(burstAt + 1000 + 300);
			expect((await c.call('GET', '/contacts')).status).toBe(200);

			// Configurable at runtime; admin is never limited.
			expect((await c.admin('POST', '/__admin/rate-limit', { max: 1, windowMs: 60_000 })).status).toBe(200);
			expect((await c.call('GET', '/contacts')).status).toBe(200);
			expect((await c.call('GET', '/contacts')).status).toBe(429);
			for (let i = 0; i < 5; i++) expect((await c.admin('GET', '/__admin/state')).status).toBe(200);
		} finally {
			await sb.close();
		}
	});
});

describe('faults', () => {
	let sb: HatsSandbox;
	let c: SpecCheckedClient;
	beforeAll(async () => {
		sb = await startHatsSandbox({ port: 0, seed: false, rateLimit: { max: 100_000, windowMs: 60_000 } });
		c = new SpecCheckedClient(sb);
	});
	afterAll(() => sb.close());

	async function run(n: number): Promise<number[]> {
		const out: number[] = [];
		for (let i = 0; i < n; i++) out.push((await c.call('GET', '/me')).status);
		return out;
	}

	test('appear at the configured rate, and the same seed gives the same sequence', async () => {
		await c.admin('POST', '/__admin/faults', { seed: 42, rate500: 0.2 });
		const first = await run(200);
		const injected = first.filter((s) => s === 500).length;
		expect(injected).toBeGreaterThanOrEqual(25);
		expect(injected).toBeLessThanOrEqual(55);
		expect(first.filter((s) => s !== 500).every((s) => s === 200)).toBe(true);
		const stats = (await c.admin('GET', '/__admin/faults')).body;
		expect(stats.config).toEqual({ seed: 42, rate500: 0.2 });
		expect(stats.stats).toMatchObject({ requests: 200, '500': injected, injected });

		await c.admin('POST', '/__admin/faults', { seed: 42, rate500: 0.2 });
		expect(await run(200)).toEqual(first);
		await c.admin('POST', '/__admin/faults', { seed: 43, rate500: 0.2 });
		expect(await run(200)).not.toEqual(first);
	});

	test('mixed 429/503 with an explicit seed, and {} turns faults off', async () => {
		await c.admin('POST', '/__admin/faults', { seed: 5, rate429: 0.15, rate503: 0.15 });
		const statuses = await run(200);
		const n429 = statuses.filter((s) => s === 429).length;
		const n503 = statuses.filter((s) => s === 503).length;
		expect(n429).toBeGreaterThanOrEqual(15);
		expect(n429).toBeLessThanOrEqual(45);
		expect(n503).toBeGreaterThanOrEqual(15);
		expect(n503).toBeLessThanOrEqual(45);
		await c.admin('POST', '/__admin/faults', {});
		expect((await run(30)).every((s) => s === 200)).toBe(true);
	});

	test('after-processing faults: the write is applied and counted once, the answer is a contract 500 or a dropped connection', async () => {
		const remaining = Number((await c.call('GET', '/me')).headers.get('x-ratelimit-remaining'));
		await c.admin('POST', '/__admin/faults', { rateAfter500: 1 });
		const lost = await c.call('POST', '/contacts', { body: { first_name: 'Lost', external_id: 'after-500' } });
		expect(lost.status).toBe(500);
		expect(lost.body.error.code).toBe('internal');
		expect(Number(lost.headers.get('x-ratelimit-remaining'))).toBe(remaining - 1);
		await c.admin('POST', '/__admin/faults', { rateAfterDrop: 1 });
		await expect(
			fetch(`${sb.url}/contacts`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${sb.apiKey}`, 'Content-Type': 'application/json' },
				body: JSON.stringify({ first_name: 'Dropped', external_id: 'after-drop' }),
			}),
		).rejects.toThrow();
		await c.admin('POST', '/__admin/faults', {});
		const found = await c.call('GET', '/contacts?external_id=after-500');
		expect(found.body.data).toHaveLength(1);
		expect((await c.call('GET', '/contacts?external_id=after-drop')).body.data).toHaveLength(1);
		// One request per call against the limit: the lost answer did not take a second slot.
		expect(Number(found.headers.get('x-ratelimit-remaining'))).toBe(remaining - 3);
	});

	test('drop closes the connection; latency and slow delay answers; startHatsSandbox accepts faults', async () => {
		await c.admin('POST', '/__admin/faults', { rateDrop: 1 });
		await expect(fetch(`${sb.url}/me`, { headers: { Authorization: `Bearer ${sb.apiKey}` } })).rejects.toThrow();
		await c.admin('POST', '/__admin/faults', { latencyMs: 150 });
		let t0 = Date.now();
		expect((await c.call('GET', '/me')).status).toBe(200);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
		await c.admin('POST', '/__admin/faults', { rateSlow: 1, slowMs: 300 });
		t0 = Date.now();
		expect((await c.call('GET', '/me')).status).toBe(200);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
		await c.admin('POST', '/__admin/faults', {});

		const faulty = await startHatsSandbox({ port: 0, seed: false, faults: { rate503: 1 } });
		try {
			expect((await new SpecCheckedClient(faulty).call('GET', '/me')).status).toBe(503);
		} finally {
			await faulty.close();
		}
	});
});
