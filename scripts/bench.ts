/**
 * Throughput benchmark: how close do the nodes get to an API's rate limit
 * without going over it? Runs the GHL and 17hats nodes through n8n's engine
 * against the sandbox with a tight limit and reports requests per window,
 * 429s and wall time. A measurement, not a test: run `npm run bench`.
 *
 * Options (env): BENCH_ITEMS (default 300), BENCH_LIMIT (requests per window,
 * default 50), BENCH_WINDOW_MS (default 2000), BENCH_CONCURRENCY (default 10).
 */
import { startGhlSandbox } from '../sandbox/ghl';
import { startHatsSandbox } from '../sandbox/hats';
import { createHarness, nodeType } from '../test/support/harness';

const items = Number(process.env.BENCH_ITEMS ?? 300);
const limit = Number(process.env.BENCH_LIMIT ?? 50);
const windowMs = Number(process.env.BENCH_WINDOW_MS ?? 2000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 10);

interface LoggedRequest {
	at: string;
	status: number;
	path: string;
}

async function requestLog(origin: string): Promise<LoggedRequest[]> {
	const res = await fetch(`${origin}/__admin/requests`);
	return ((await res.json()) as { requests: LoggedRequest[] }).requests.filter((r) => !r.path.startsWith('/__admin'));
}

/** The most requests the server saw in any window-long stretch. */
function busiestWindow(times: number[]): number {
	let best = 0;
	let start = 0;
	for (let end = 0; end < times.length; end++) {
		while (times[end] - times[start] >= windowMs) start++;
		best = Math.max(best, end - start + 1);
	}
	return best;
}

async function run(label: string, origin: string, node: Record<string, unknown>, credentials: Record<string, unknown>) {
	const harness = await createHarness();
	const started = Date.now();
	const result = await harness.runWorkflow({
		nodes: [{ name: label, type: node.type as string, parameters: node.parameters as never }],
		input: Array.from({ length: items }, (_, i) => ({ json: { i } })),
		credentials: credentials as never,
	});
	const elapsed = Date.now() - started;
	const error = result.error(label);
	const log = await requestLog(origin);
	const times = log.map((r) => Date.parse(r.at)).sort((a, b) => a - b);
	const rejected = log.filter((r) => r.status === 429).length;
	const ideal = Math.max(0, Math.ceil(items / limit) - 1) * windowMs;
	console.log(
		[
			`${label}: ${result.output(label).length}/${items} items in ${(elapsed / 1000).toFixed(2)} s${error ? ` (FAILED: ${error.message})` : ''}`,
			`  requests sent ${log.length}, answered 429: ${rejected}`,
			`  busiest ${windowMs} ms window: ${busiestWindow(times)} requests (limit ${limit})`,
			`  throughput ${((log.length / elapsed) * 1000).toFixed(1)} req/s; the limit allows ${((limit / windowMs) * 1000).toFixed(1)} req/s`,
			`  lower bound for ${items} requests under the limit: ${(ideal / 1000).toFixed(2)} s (efficiency ${ideal > 0 ? ((ideal / elapsed) * 100).toFixed(0) : 100}%)`,
		].join('\n'),
	);
	return { rejected, busiest: busiestWindow(times) };
}

async function main() {
	console.log(`Benchmark: ${items} items, limit ${limit} per ${windowMs} ms, concurrency ${concurrency}\n`);
	const ghl = await startGhlSandbox({ port: 0, rateLimit: { max: limit, windowMs } });
	const hats = await startHatsSandbox({ port: 0, rateLimit: { max: limit, windowMs } });
	try {
		const requestOptions = { concurrency, maxAttempts: 5 };
		const a = await run(
			'GHL',
			ghl.url,
			{ type: nodeType('ghl'), parameters: { resource: 'location', operation: 'get', requestOptions } },
			{ ghlPrivateIntegrationApi: { token: ghl.token, locationId: ghl.locationId, scopes: [], baseUrl: ghl.url } },
		);
		const b = await run(
			'17hats',
			hats.origin,
			{ type: nodeType('seventeenHats'), parameters: { resource: 'account', operation: 'get', requestOptions } },
			{ seventeenHatsApi: { apiKey: hats.apiKey, baseUrl: hats.url, scopes: [] } },
		);
		const over = [a, b].some((r) => r.busiest > limit);
		console.log(over ? '\nOVER THE LIMIT in some window' : '\nNo window went over the limit.');
		process.exitCode = over ? 1 : 0;
	} finally {
		await ghl.close();
		await hats.close();
	}
}

void main();
