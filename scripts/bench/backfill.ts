/**
 * Backfill: N items through one of this package's nodes, one request each,
 * against a fake API with a tight limit. Reports what the server saw (the
 * busiest sliding window, 429s) and how close the run came to the limit.
 */
import type { IDataObject } from 'n8n-workflow';

import { resetBuckets } from '../../dist/nodes/common/rateLimiter';
import type { WindowKind } from '../../sandbox/common/rateLimit';
import { startGhlSandbox } from '../../sandbox/ghl';
import { startHatsSandbox } from '../../sandbox/hats';
import { createHarness, nodeType, type TestNode } from '../../test/support/harness';
import { lowerBoundMs, maxInAnyWindow, pctOfCeiling, windowLagMs } from './measure';
import { serverRequests, setServerLimit, viewOf } from './sandboxes';

export interface BackfillSettings {
	items: number;
	/** Requests per window at the fake server. */
	limit: number;
	windowMs: number;
	kind: WindowKind;
	/** The node's Request Options → Concurrency. */
	concurrency: number;
}

export interface BackfillResult {
	label: string;
	api: 'ghl' | 'hats';
	kind: WindowKind;
	items: number;
	succeeded: number;
	failed: number;
	requests: number;
	http429: number;
	limit: number;
	windowMs: number;
	/** The most requests the server saw in any windowMs-long stretch. */
	maxInAnyWindow: number;
	wallMs: number;
	lowerBoundMs: number;
	/** lowerBoundMs / wallMs, in %: 100 is as fast as the limit allows. */
	pctOfCeiling: number;
	/** Mean time beyond a window between the starts of consecutive bursts at the server. */
	windowLagMs: number;
}

/** Items out of a node: the ones carrying an error (Continue On Fail) failed. */
export function countItems(output: IDataObject[], expected: number): { succeeded: number; failed: number } {
	const succeeded = output.filter((item) => item.error === undefined).length;
	return { succeeded, failed: expected - succeeded };
}

async function runOne(
	label: string,
	api: 'ghl' | 'hats',
	origin: string,
	node: Omit<TestNode, 'name'>,
	credentials: Record<string, IDataObject>,
	settings: BackfillSettings,
): Promise<BackfillResult> {
	const harness = await createHarness();
	const runWith = (items: number) =>
		harness.runWorkflow({
			nodes: [{ name: label, onError: 'continueRegularOutput', ...node }],
			input: Array.from({ length: items }, (_, i) => ({ json: { i } })),
			credentials: credentials as never,
		});
	// Warm up, as a running n8n is (the first run in a process pays for JIT
	// compiling the request path): 100 items with the limit out of the way,
	// then the limit, fresh windows, an empty log and fresh buckets.
	await setServerLimit(origin, { max: 1_000_000, windowMs: settings.windowMs, kind: settings.kind });
	await runWith(100);
	await setServerLimit(origin, { max: settings.limit, windowMs: settings.windowMs, kind: settings.kind });
	await serverRequests(origin, true);
	resetBuckets();
	const started = Date.now();
	const result = await runWith(settings.items);
	const wallMs = Date.now() - started;
	const error = result.error(label);
	if (error) throw new Error(`${label}: the node failed: ${error.message}`);
	const view = viewOf(await serverRequests(origin));
	return {
		label,
		api,
		kind: settings.kind,
		items: settings.items,
		...countItems(result.output(label), settings.items),
		requests: view.requests,
		http429: view.http429,
		limit: settings.limit,
		windowMs: settings.windowMs,
		maxInAnyWindow: maxInAnyWindow(view.times, settings.windowMs),
		wallMs,
		lowerBoundMs: lowerBoundMs(settings.items, settings.limit, settings.windowMs),
		pctOfCeiling: pctOfCeiling(settings.items, settings.limit, settings.windowMs, wallMs),
		windowLagMs: windowLagMs(view.times, settings.limit, settings.windowMs),
	};
}

/** The GHL node (Location: Get, one request per item) against the fake GHL (X-RateLimit-Max / -Remaining / -Interval-Milliseconds). */
export async function backfillGhl(settings: BackfillSettings): Promise<BackfillResult> {
	const ghl = await startGhlSandbox({ port: 0, rateLimit: { max: settings.limit, windowMs: settings.windowMs, kind: settings.kind } });
	try {
		return await runOne(
			`GHL node (${settings.kind} window)`,
			'ghl',
			ghl.url,
			{
				type: nodeType('ghl'),
				parameters: { resource: 'location', operation: 'get', requestOptions: { concurrency: settings.concurrency, maxAttempts: 5 } },
			},
			{ ghlPrivateIntegrationApi: { token: ghl.token, locationId: ghl.locationId, scopes: [], baseUrl: ghl.url } },
			settings,
		);
	} finally {
		await ghl.close();
	}
}

/** The 17hats node (Account: Get, one request per item) against the fake 17hats (X-RateLimit-Limit / -Remaining / -Reset in seconds, no window length). */
export async function backfillHats(settings: BackfillSettings): Promise<BackfillResult> {
	const hats = await startHatsSandbox({ port: 0, rateLimit: { max: settings.limit, windowMs: settings.windowMs, kind: settings.kind } });
	try {
		return await runOne(
			`17hats node (${settings.kind} window)`,
			'hats',
			hats.origin,
			{
				type: nodeType('seventeenHats'),
				parameters: { resource: 'account', operation: 'get', requestOptions: { concurrency: settings.concurrency, maxAttempts: 5 } },
			},
			{ seventeenHatsApi: { apiKey: hats.apiKey, baseUrl: hats.url, scopes: [] } },
			settings,
		);
	} finally {
		await hats.close();
	}
}
