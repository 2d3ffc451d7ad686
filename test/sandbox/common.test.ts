import { FaultInjector, mulberry32 } from '../../sandbox/common/faults';
import { FixedWindowLimiter } from '../../sandbox/common/rateLimit';
import { RequestLog, credentialFingerprint, redactHeaders, requestCredential } from '../../sandbox/common/requestLog';
import { Router, startServer, json, type StartedServer } from '../../sandbox/common/http';
import { mountAdmin, dispatch, parseFaultConfig } from '../../sandbox/common/admin';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const jsonOf = async (r: Response): Promise<any> => r.json();

describe('FaultInjector', () => {
	test('injects at roughly the configured rate, deterministically per seed', () => {
		const a = new FaultInjector({ seed: 7, rate500: 0.2 });
		const seqA = Array.from({ length: 200 }, () => a.decide());
		const n500 = seqA.filter((k) => k === '500').length;
		expect(n500).toBeGreaterThanOrEqual(25);
		expect(n500).toBeLessThanOrEqual(55);
		expect(a.stats()['500']).toBe(n500);
		expect(a.stats().requests).toBe(200);

		const b = new FaultInjector({ seed: 7, rate500: 0.2 });
		expect(Array.from({ length: 200 }, () => b.decide())).toEqual(seqA);
		const c = new FaultInjector({ seed: 8, rate500: 0.2 });
		expect(Array.from({ length: 200 }, () => c.decide())).not.toEqual(seqA);
	});

	test('mixes several fault kinds and {} turns them off', () => {
		const f = new FaultInjector({ seed: 3, rate429: 0.1, rate503: 0.1, rateDrop: 0.1, rateSlow: 0.1 });
		for (let i = 0; i < 1000; i++) f.decide();
		const s = f.stats();
		for (const k of ['429', '503', 'drop', 'slow']) {
			expect(s[k]).toBeGreaterThan(60);
			expect(s[k]).toBeLessThan(140);
		}
		expect(s['500']).toBe(0);
		expect(s.injected).toBe(s['429'] + s['503'] + s.drop + s.slow);
		f.configure({});
		expect(f.active()).toBe(false);
		expect(Array.from({ length: 100 }, () => f.decide()).every((k) => k === 'none')).toBe(true);
	});

	test('mulberry32 is uniform enough and stays in [0,1)', () => {
		const r = mulberry32(1);
		const xs = Array.from({ length: 10000 }, r);
		expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...xs)).toBeLessThan(1);
		const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
		expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
	});

	test('after-processing faults draw from the same sequence and leave the older kinds where they were', () => {
		const before = new FaultInjector({ seed: 5, rate500: 0.1, rateDrop: 0.1 });
		const after = new FaultInjector({ seed: 5, rate500: 0.1, rateDrop: 0.1, rateAfter500: 0.2, rateAfterDrop: 0.1 });
		const a = Array.from({ length: 1000 }, () => before.decide());
		const b = Array.from({ length: 1000 }, () => after.decide());
		// Same seed: every request the old config faulted is faulted the same way.
		expect(b.filter((k, i) => a[i] !== 'none' && k !== a[i])).toEqual([]);
		const s = after.stats();
		expect(s.after500).toBeGreaterThan(140);
		expect(s.after500).toBeLessThan(260);
		expect(s.afterDrop).toBeGreaterThan(60);
		expect(s.afterDrop).toBeLessThan(140);
		expect(s.injected).toBe(s['500'] + s.drop + s.after500 + s.afterDrop);
		expect(new FaultInjector({ rateAfterDrop: 0.5 }).active()).toBe(true);
	});

	test('parseFaultConfig rejects unknown keys and bad rates', () => {
		expect(parseFaultConfig({ rate500: 0.5, seed: 2 })).toEqual({ rate500: 0.5, seed: 2 });
		expect(parseFaultConfig({ rateAfter500: 0.5, rateAfterDrop: 0.25 })).toEqual({ rateAfter500: 0.5, rateAfterDrop: 0.25 });
		expect(typeof parseFaultConfig({ rateAfterDrop: 1.5 })).toBe('string');
		expect(parseFaultConfig({})).toEqual({});
		expect(typeof parseFaultConfig({ rate999: 1 })).toBe('string');
		expect(typeof parseFaultConfig({ rate500: 2 })).toBe('string');
		expect(typeof parseFaultConfig({ rate500: 'x' })).toBe('string');
	});
});

describe('FixedWindowLimiter', () => {
	test('allows max per window per key, then denies until the window ends', () => {
		const l = new FixedWindowLimiter({ max: 3, windowMs: 1000 });
		const t0 = 1_000_000;
		expect(l.take('k', t0)).toEqual({ allowed: true, remaining: 2, resetMs: 1000, max: 3 });
		l.take('k', t0 + 10);
		expect(l.take('k', t0 + 20).remaining).toBe(0);
		const denied = l.take('k', t0 + 400);
		expect(denied).toEqual({ allowed: false, remaining: 0, resetMs: 600, max: 3 });
		expect(l.take('other', t0 + 400).allowed).toBe(true);
		expect(l.take('k', t0 + 1000)).toEqual({ allowed: true, remaining: 2, resetMs: 1000, max: 3 });
		l.configure({ max: 1 });
		expect(l.take('k', t0 + 1001).allowed).toBe(true);
		expect(l.take('k', t0 + 1002).allowed).toBe(false);
		l.reset();
		expect(l.take('k', t0 + 1003).allowed).toBe(true);
	});
});

describe('RequestLog', () => {
	test('redacts authorization and signature headers, filters entries', () => {
		expect(
			redactHeaders({ authorization: 'Bearer abc', 'x-ghl-signature': 'sig', 'x-wh-signature': 's2', 'content-type': 'application/json' }),
		).toEqual({ authorization: 'Bearer [REDACTED]', 'x-ghl-signature': '[REDACTED]', 'x-wh-signature': '[REDACTED]', 'content-type': 'application/json' });
		const log = new RequestLog();
		log.add({ at: '2025-01-01T00:00:00Z', server: 's', method: 'GET', path: '/a', query: {}, headers: { Authorization: 'Bearer x' }, body: undefined, status: 200 });
		log.add({ at: '2025-01-01T00:00:01Z', server: 's', method: 'POST', path: '/b', query: {}, headers: {}, body: { a: 1 }, status: 201 });
		expect(log.list()[0].headers.Authorization).toBe('Bearer [REDACTED]');
		expect(log.list({ method: 'post' }).map((e) => e.path)).toEqual(['/b']);
		expect(log.list({ path: /^\/a/ })).toHaveLength(1);
		expect(log.list({ since: '2025-01-01T00:00:01Z' })).toHaveLength(1);
		log.clear();
		expect(log.list()).toEqual([]);
	});
});

describe('Router', () => {
	test('matches params and reports allowed methods', () => {
		const h = () => json(200);
		const r = new Router().add('GET', '/contacts/:contactId', h).add('POST', '/contacts/:contactId/notes', h);
		expect(r.match('get', '/contacts/abc%20d')?.params).toEqual({ contactId: 'abc d' });
		expect(r.match('GET', '/contacts')).toBeUndefined();
		expect(r.match('DELETE', '/contacts/x')).toBeUndefined();
		expect(r.allowedMethods('/contacts/x')).toEqual(['GET']);
	});
});

describe('requestCredential', () => {
	test('fingerprints a bearer token or an API key, never returning it', () => {
		expect(requestCredential({ authorization: 'Bearer pit-abc' })).toBe(credentialFingerprint('pit-abc'));
		expect(requestCredential({ 'x-api-key': 'key-1' })).toBe(credentialFingerprint('key-1'));
		expect(requestCredential({})).toBeUndefined();
		expect(requestCredential({ authorization: 'Basic dXNlcjpwdw==' })).toBeUndefined();
		expect(credentialFingerprint('pit-abc')).toMatch(/^[0-9a-f]{12}$/);
		expect(credentialFingerprint('pit-abc')).not.toBe(credentialFingerprint('pit-abd'));
	});
});

describe('startServer', () => {
	let srv: StartedServer;
	const faults = new FaultInjector();
	const log = new RequestLog();
	const seen: unknown[] = [];

	beforeAll(async () => {
		const router = new Router().add('POST', '/echo/:id', (req) => {
			seen.push(req.body);
			return json(200, { id: req.params.id, body: req.body, q: req.query.get('q') });
		});
		mountAdmin(router, { faults, requestLog: log, state: () => ({ ok: 1 }), reset: () => undefined });
		srv = await startServer({
			port: 0,
			name: 'test',
			faults,
			requestLog: log,
			handle: async (req) => dispatch(router, req, () => json(404, { error: 'nope' })),
		});
	});
	afterAll(() => srv.close());

	test('parses JSON, routes, logs with redaction', async () => {
		const res = await fetch(`${srv.url}/echo/7?q=1`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: 'Bearer secret' },
			body: JSON.stringify({ a: 1 }),
		});
		expect(res.status).toBe(200);
		expect(await jsonOf(res)).toEqual({ id: '7', body: { a: 1 }, q: '1' });
		const entry = log.list({ path: '/echo/7' })[0];
		expect(entry).toMatchObject({ server: 'test', method: 'POST', status: 200, query: { q: '1' }, body: { a: 1 } });
		expect(entry.headers.authorization).toBe('Bearer [REDACTED]');
		// Which credential sent it is known without storing it.
		expect(entry.credential).toBe(credentialFingerprint('secret'));
		expect(JSON.stringify(entry)).not.toContain('secret');
		const viaAdmin = await jsonOf(await fetch(`${srv.url}/__admin/requests?clear=1`));
		expect(viaAdmin.requests.some((e: { path: string }) => e.path === '/echo/7')).toBe(true);
		expect(log.list()).toHaveLength(0);
	});

	test('malformed JSON gets 400 before the handler', async () => {
		const before = seen.length;
		const res = await fetch(`${srv.url}/echo/1`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{nope' });
		expect(res.status).toBe(400);
		expect((await jsonOf(res)).error.code).toBe('bad_request');
		expect(seen.length).toBe(before);
	});

	test('faults: configured via admin, never applied to admin paths; drop destroys the socket', async () => {
		let r = await fetch(`${srv.url}/__admin/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ rate503: 1 }) });
		expect(r.status).toBe(200);
		expect((await fetch(`${srv.url}/echo/1`, { method: 'POST' })).status).toBe(503);
		expect((await fetch(`${srv.url}/__admin/state`)).status).toBe(200);
		r = await fetch(`${srv.url}/__admin/faults`);
		expect((await jsonOf(r)).stats['503']).toBe(1);

		await fetch(`${srv.url}/__admin/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ rateDrop: 1 }) });
		await expect(fetch(`${srv.url}/echo/1`, { method: 'POST' })).rejects.toThrow();
		expect(log.list({ path: '/echo/1' }).some((e) => e.status === 0)).toBe(true);

		await fetch(`${srv.url}/__admin/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ rateSlow: 1, slowMs: 250 }) });
		const t0 = Date.now();
		expect((await fetch(`${srv.url}/echo/1`, { method: 'POST' })).status).toBe(200);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(240);

		// After-processing faults: the handler runs (the write is applied), then the answer is lost.
		const ran = seen.length;
		await fetch(`${srv.url}/__admin/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ rateAfter500: 1 }) });
		const lost = await fetch(`${srv.url}/echo/2`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"n":1}' });
		expect(lost.status).toBe(500);
		expect((await jsonOf(lost)).error.code).toBe('internal');
		expect(seen.slice(ran)).toEqual([{ n: 1 }]);
		await fetch(`${srv.url}/__admin/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ rateAfterDrop: 1 }) });
		await expect(fetch(`${srv.url}/echo/3`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"n":2}' })).rejects.toThrow();
		expect(seen.slice(ran)).toEqual([{ n: 1 }, { n: 2 }]);
		expect(log.list({ path: '/echo/3' }).map((e) => e.status)).toEqual([0]);
		r = await fetch(`${srv.url}/__admin/faults`);
		expect((await jsonOf(r)).stats).toMatchObject({ afterDrop: 1, injected: 1 });

		r = await fetch(`${srv.url}/__admin/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
		expect((await jsonOf(r)).config).toEqual({});
		expect((await fetch(`${srv.url}/echo/1`, { method: 'POST' })).status).toBe(200);
		expect((await fetch(`${srv.url}/__admin/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"rate500": 3}' })).status).toBe(400);
	});

	test('port 0 gives a free port; a busy port rejects', async () => {
		await expect(startServer({ port: srv.port, name: 'dup', handle: async () => json(200) })).rejects.toThrow(/EADDRINUSE/);
	});
});
