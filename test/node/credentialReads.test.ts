/**
 * A poll and an editor list read each credential once (in n8n each read is a
 * database query and a decryption): the GHL Poll Trigger however many pages
 * a poll reads, and the loadOptions / listSearch methods of the GHL, 17hats
 * and sync nodes however many requests one call makes (the credential's
 * location, then the list). Reads are counted where n8n-core asks the
 * credentials helper for decrypted data.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { GHL_BASE, HATS_BASE, LOCATION_ID, ghlPitCredentials, hatsCredentials } from '../support/fixtures';
import { FixtureCredentialsHelper } from '../support/harness';
import { createLoadOptionsHarness, type LoadOptionsHarness } from '../support/loadOptionsHarness';
import { useNock } from '../support/nock';
import { createTriggerHarness } from '../support/triggerHarness';

useNock();

let reads: jest.SpyInstance;
beforeEach(() => {
	reads = jest.spyOn(FixtureCredentialsHelper.prototype, 'getDecrypted');
});
afterEach(() => reads.mockRestore());
const readsOf = (type: string) => reads.mock.calls.filter((call) => call[2] === type).length;

let editor: LoadOptionsHarness;
beforeAll(async () => {
	editor = await createLoadOptionsHarness();
});

describe('GHL Poll Trigger', () => {
	it('reads the credential once per poll across three pages, and afresh on the next poll', async () => {
		const docs = Array.from({ length: 250 }, (_, i) => ({
			_id: `doc${i}`,
			locationId: LOCATION_ID,
			name: `Proposal ${i}`,
			status: 'sent',
			paymentStatus: 'waiting_for_payment',
			createdAt: new Date(Date.now() - 86_400_000 + i * 1000).toISOString(),
			updatedAt: new Date(Date.now() - 86_400_000 + i * 1000).toISOString(),
		}));
		const pages: number[] = [];
		nock(GHL_BASE)
			.persist()
			.get('/proposals/document')
			.query(true)
			.reply((uri) => {
				const q = new URL(uri, GHL_BASE).searchParams;
				const skip = Number(q.get('skip'));
				pages.push(skip);
				return [200, { documents: docs.slice(skip, skip + Number(q.get('limit'))), total: docs.length }];
			});
		const trigger = await createTriggerHarness({
			type: 'ghlPollTrigger',
			parameters: { resource: 'document', events: ['new', 'statusChanged'] },
			credentials: { ghlPrivateIntegrationApi: ghlPitCredentials() },
		});

		await trigger.poll();
		expect(pages).toEqual([0, 100, 200]);
		expect(readsOf('ghlPrivateIntegrationApi')).toBe(1);

		await trigger.poll();
		expect(pages.length).toBeGreaterThan(3);
		// A poll's reads end with it: a credential changed between polls is seen.
		expect(readsOf('ghlPrivateIntegrationApi')).toBe(2);
	});
});

describe('editor lists', () => {
	it("GHL Pipeline Stages: the credential's location, then the pipelines, one read", async () => {
		const scope = nock(GHL_BASE)
			.get('/opportunities/pipelines')
			.query({ locationId: LOCATION_ID })
			.reply(200, { pipelines: [{ id: 'p1', name: 'Sales', stages: [{ id: 's1', name: 'New' }, { id: 's2', name: 'Won' }] }] });
		const stages = await editor.loadOptions('ghl', 'getPipelineStages', {
			parameters: { resource: 'opportunity', operation: 'create', pipelineId: 'p1' },
			credentials: { ghlPrivateIntegrationApi: ghlPitCredentials() },
		});
		expect(stages).toEqual([
			{ name: 'New', value: 's1' },
			{ name: 'Won', value: 's2' },
		]);
		expect(scope.isDone()).toBe(true);
		expect(readsOf('ghlPrivateIntegrationApi')).toBe(1);
	});

	it("GHL contact search (From List): the credential's location, then the search, one read", async () => {
		const scope = nock(GHL_BASE)
			.post('/contacts/search', (body: IDataObject) => body.locationId === LOCATION_ID)
			.reply(200, { contacts: [{ id: 'c1', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' }], total: 1 });
		const found = await editor.listSearch('ghl', 'searchContacts', {
			parameters: { resource: 'contact', operation: 'get' },
			credentials: { ghlPrivateIntegrationApi: ghlPitCredentials() },
		});
		expect(found.results).toEqual([{ name: 'Ada Lovelace (ada@example.com)', value: 'c1' }]);
		expect(scope.isDone()).toBe(true);
		expect(readsOf('ghlPrivateIntegrationApi')).toBe(1);
	});

	it('17hats contact search and the sync node templates (two pages): one read each', async () => {
		nock(HATS_BASE)
			.get('/contacts')
			.query(true)
			.reply(200, { data: [{ contact_id: 'ct_1', first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' }], next_cursor: null });
		nock(HATS_BASE)
			.get('/templates')
			.query((q) => q.cursor === undefined)
			.reply(200, { data: [{ template_id: 'tpl_1', name: 'Welcome', document_type: 'contract' }], next_cursor: 'c2' });
		nock(HATS_BASE)
			.get('/templates')
			.query((q) => q.cursor === 'c2')
			.reply(200, { data: [{ template_id: 'tpl_2', name: 'Quote', document_type: 'quote' }], next_cursor: null });

		const contacts = await editor.listSearch('seventeenHats', 'searchContacts', { credentials: { seventeenHatsApi: hatsCredentials() } });
		expect(contacts.results.map((r) => r.value)).toEqual(['ct_1']);
		expect(readsOf('seventeenHatsApi')).toBe(1);

		const templates = await editor.loadOptions('ghlTo17hatsSync', 'getTemplates', { credentials: { seventeenHatsApi: hatsCredentials() } });
		expect(templates.map((t) => t.value)).toEqual(['tpl_1', 'tpl_2']);
		expect(readsOf('seventeenHatsApi')).toBe(2);
	});
});
