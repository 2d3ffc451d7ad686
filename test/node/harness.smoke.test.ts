import nock from 'nock';

import { createHarness, nodeType } from '../support/harness';

describe('smoke', () => {
	it('runs the GHL node', async () => {
		const harness = await createHarness();
		nock('https://services.leadconnectorhq.com').get('/locations/loc1').reply(200, { location: { id: 'loc1' } });
		const result = await harness.runWorkflow({
			nodes: [{ name: 'GHL', type: nodeType('ghl'), parameters: { resource: 'location', operation: 'get' } } as never],
			credentials: { ghlPrivateIntegrationApi: { token: 'pit-secret-token-123', locationId: 'loc1', scopes: [], baseUrl: 'https://services.leadconnectorhq.com' } },
		});
		console.log(JSON.stringify(result.output('GHL')), result.error('GHL'), result.run.data.resultData.error);
	});
});
