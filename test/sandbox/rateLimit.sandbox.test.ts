/**
 * The fakes' sliding-window mode, and the nodes against it: a client that
 * follows a fixed window's resets puts up to twice the limit into one
 * window-long stretch, which a sliding-window API answers with 429s.
 */
import { resetBuckets } from '../../dist/nodes/common/rateLimiter';
import { maxInAnyWindow } from '../../scripts/bench/measure';
import { httpCall, serverRequests, viewOf } from '../../scripts/bench/sandboxes';
import { WindowLimiter, type WindowKind } from '../../sandbox/common/rateLimit';
import { startGhlSandbox } from '../../sandbox/ghl';
import { startHatsSandbox, type HatsSandbox } from '../../sandbox/hats';
import { createHarness, nodeType } from '../support/harness';

describe('sliding-window limiter', () => {
	it('allows max in any window-long stretch, and a slot frees when the oldest request leaves', () => {
		const l = new WindowLimiter({ max: 3, windowMs: 1000, kind: 'sliding' });
		expect(l.take('k', 0)).toEqual({ allowed: true, remaining: 2, resetMs: 1000, max: 3 });
		l.take('k', 400);
		expect(l.take('k', 600)).toEqual({ allowed: true, remaining: 0, resetMs: 400, max: 3 });
		expect(l.take('k', 999)).toEqual({ allowed: false, remaining: 0, resetMs: 1, max: 3 });
		// A fixed window would start over here and allow three at once.
		expect(l.take('k', 1000).allowed).toBe(true);
		expect(l.take('k', 1001).allowed).toBe(false);
		expect(l.take('other', 1001).allowed).toBe(true);
	});

	it('a fixed window (the default) lets 2 × max through across a reset; a sliding one does not', () => {
		const times = (kind: WindowKind) => {
			const l = new WindowLimiter({ max: 5, windowMs: 1000, kind });
			const allowed: number[] = [];
			for (const t of [0, 900, 900, 900, 900, 1000, 1000, 1000, 1000, 1000]) if (l.take('k', t).allowed) allowed.push(t);
			return allowed;
		};
		expect(maxInAnyWindow(times('fixed'), 1000)).toBe(9);
		expect(maxInAnyWindow(times('sliding'), 1000)).toBe(5);
	});
});

describe('rate-limit admin endpoints', () => {
	it('17hats: GET/POST /__admin/rate-limit set the kind, the limit and the window', async () => {
		const sb = await startHatsSandbox({ port: 0, seed: false });
		try {
			const post = (body: unknown) => httpCall(`${sb.origin}/__admin/rate-limit`, 'POST', { 'Content-Type': 'application/json' }, JSON.stringify(body));
			expect(JSON.parse((await httpCall(`${sb.origin}/__admin/rate-limit`, 'GET')).body)).toEqual({ max: 120, windowMs: 60_000, kind: 'fixed' });
			const set = await post({ kind: 'sliding', max: 7 });
			expect(set.status).toBe(200);
			expect(JSON.parse(set.body)).toEqual({ max: 7, windowMs: 60_000, kind: 'sliding' });
			expect((await post({ kind: 'leaky' })).status).toBe(400);
			expect((await post({ max: 0 })).status).toBe(400);
			expect((await post({})).status).toBe(400);
		} finally {
			await sb.close();
		}
	});

	it('GHL: POST /__admin/rate-limit takes the kind too', async () => {
		const ghl = await startGhlSandbox({ port: 0, seed: false });
		try {
			const post = (body: unknown) => httpCall(`${ghl.url}/__admin/rate-limit`, 'POST', { 'Content-Type': 'application/json' }, JSON.stringify(body));
			expect(JSON.parse((await post({ kind: 'sliding', max: 3, windowMs: 1000 })).body)).toEqual({ max: 3, windowMs: 1000, daily: 200_000, kind: 'sliding' });
			expect((await post({ kind: 'leaky' })).status).toBe(400);
			const call = () => httpCall(`${ghl.url}/locations/${ghl.locationId}`, 'GET', { Authorization: `Bearer ${ghl.token}`, Version: '2021-07-28' });
			const statuses = [];
			for (let i = 0; i < 4; i++) statuses.push((await call()).status);
			expect(statuses).toEqual([200, 200, 200, 429]);
		} finally {
			await ghl.close();
		}
	});
});

describe('the 17hats node when a run starts late in the server window', () => {
	const limit = 20;
	const windowMs = 2000;

	/**
	 * A first run spends half the limit; a second one starts three quarters
	 * into the server's window. Following the fixed window's reset, the second
	 * run would send a full limit right after it, on top of its first requests.
	 */
	async function twoRuns(kind: WindowKind): Promise<{ sb: HatsSandbox; times: number[]; http429: number; succeeded: number }> {
		resetBuckets();
		const sb = await startHatsSandbox({ port: 0, seed: false, rateLimit: { max: limit, windowMs, kind } });
		const harness = await createHarness();
		const credentials = { seventeenHatsApi: { apiKey: sb.apiKey, baseUrl: sb.url, scopes: [] } };
		const run = (items: number) =>
			harness.runWorkflow({
				nodes: [{ name: 'H', type: nodeType('seventeenHats'), parameters: { resource: 'account', operation: 'get', requestOptions: { concurrency: 10 } } }],
				input: Array.from({ length: items }, (_, i) => ({ json: { i } })),
				credentials: credentials as never,
			});
		const first = await run(limit / 2);
		const opened = Date.parse((await serverRequests(sb.origin))[0].at);
		await new Promise((r) => setTimeout(r, Math.max(0, opened + windowMs * 0.75 - Date.now())));
		const second = await run(3 * limit);
		const view = viewOf(await serverRequests(sb.origin));
		return { sb, times: view.times, http429: view.http429, succeeded: first.output('H').length + second.output('H').length };
	}

	it('fixed window at the server: never more than the limit in any sliding window', async () => {
		const { sb, times, http429, succeeded } = await twoRuns('fixed');
		await sb.close();
		expect(maxInAnyWindow(times, windowMs)).toBeLessThanOrEqual(limit);
		expect({ http429, succeeded }).toEqual({ http429: 0, succeeded: limit / 2 + 3 * limit });
	}, 60_000);

	it('sliding window at the server: no 429', async () => {
		const { sb, times, http429, succeeded } = await twoRuns('sliding');
		await sb.close();
		expect({ http429, succeeded }).toEqual({ http429: 0, succeeded: limit / 2 + 3 * limit });
		expect(maxInAnyWindow(times, windowMs)).toBeLessThanOrEqual(limit);
	}, 60_000);
});
