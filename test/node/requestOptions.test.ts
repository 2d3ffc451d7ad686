/**
 * Request Options (Concurrency, Max Attempts, Max Retry Wait) set by
 * expressions are checked at run time: a value that is not a number in range
 * fails the node naming the option, instead of silently running no items.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { createHarness, nodeType, type EngineHarness } from '../support/harness';
import { GHL_BASE, LOCATION_ID, ghlPitCredentials } from '../support/fixtures';
import { useNock } from '../support/nock';

let harness: EngineHarness;
beforeAll(async () => {
	harness = await createHarness();
});
useNock();

const location = { location: { id: LOCATION_ID, name: 'Studio' } };

async function runGhl(requestOptions: IDataObject, opts: { items?: number; continueOnFail?: boolean } = {}) {
	return await harness.runWorkflow({
		nodes: [
			{
				name: 'GHL',
				type: nodeType('ghl'),
				parameters: { resource: 'location', operation: 'get', requestOptions },
				...(opts.continueOnFail ? { continueOnFail: true, onError: 'continueRegularOutput' } : {}),
			} as never,
		],
		credentials: { ghlPrivateIntegrationApi: ghlPitCredentials() },
		input: Array.from({ length: opts.items ?? 3 }, (_, i) => ({ json: { i } })),
	});
}

describe('Request Options from expressions', () => {
	it.each([
		['Concurrency', { concurrency: '={{ "abc" }}' }],
		['Concurrency', { concurrency: '={{ 0 }}' }],
		['Concurrency', { concurrency: '={{ 21 }}' }],
		['Max Attempts', { maxAttempts: '={{ "many" }}' }],
		['Max Attempts', { maxAttempts: '={{ 0 }}' }],
		['Max Retry Wait (Seconds)', { maxRetryWaitSeconds: '={{ "soon" }}' }],
		['Max Retry Wait (Seconds)', { maxRetryWaitSeconds: '={{ -1 }}' }],
	])('fails the node naming "%s" for %j, sending nothing', async (displayName, requestOptions) => {
		const api = nock(GHL_BASE).get(`/locations/${LOCATION_ID}`).times(3).reply(200, location);
		const result = await runGhl(requestOptions);
		const error = result.error('GHL');
		expect(error?.message).toContain(`"${displayName}"`);
		expect(result.output('GHL')).toEqual([]);
		expect(api.pendingMocks()).toHaveLength(1);
	});

	it('reports the option error under Continue On Fail too, not zero items', async () => {
		const result = await runGhl({ concurrency: '={{ "abc" }}' }, { continueOnFail: true });
		const items = result.items('GHL');
		expect(items).toHaveLength(3);
		items.forEach((item, index) => {
			expect(String(item.json.error)).toContain('"Concurrency"');
			expect(item.pairedItem).toEqual({ item: index });
		});
	});

	it('accepts numbers given as text and runs every item', async () => {
		const api = nock(GHL_BASE).get(`/locations/${LOCATION_ID}`).times(3).reply(200, location);
		const result = await runGhl({ concurrency: '={{ "2" }}', maxAttempts: '={{ "3" }}', maxRetryWaitSeconds: '={{ "0.5" }}' });
		expect(result.error('GHL')).toBeUndefined();
		expect(result.output('GHL')).toHaveLength(3);
		expect(api.isDone()).toBe(true);
	});

	it('uses Max Attempts from an expression for retries', async () => {
		const api = nock(GHL_BASE)
			.get(`/locations/${LOCATION_ID}`)
			.times(2)
			.reply(500, { message: 'boom' });
		const result = await runGhl({ maxAttempts: '={{ 2 }}', maxRetryWaitSeconds: 0 }, { items: 1 });
		expect(result.error('GHL')?.description).toContain('Gave up after 2 attempts');
		expect(api.isDone()).toBe(true);
	});
});
