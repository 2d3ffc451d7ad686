/** Shared pieces of the 17hats node tests: the node, resource locator values, records as 17hats returns them. */
import nock from 'nock';
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { createHarness, nodeType, type EngineHarness, type WorkflowRunResult } from '../support/harness';
import { HATS_BASE, hatsCredentials } from '../support/fixtures';

export { HATS_BASE };
export const NODE = '17hats';

/** A resource locator value picked "By ID". */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const STAMP = '2024-05-01T10:00:00.000Z';
const record = (fields: IDataObject): IDataObject => ({
	external_id: null,
	metadata: {},
	created_at: STAMP,
	updated_at: STAMP,
	last_synced_at: null,
	...fields,
});

export const contact = (over: IDataObject = {}) =>
	record({
		contact_id: 'ct_1',
		first_name: 'Ada',
		last_name: 'Lovelace',
		email: 'ada@example.com',
		phone: null,
		company: null,
		type: 'other',
		address: {},
		tags: [],
		notes: null,
		...over,
	});
export const project = (over: IDataObject = {}) =>
	record({ project_id: 'pr_1', contact_id: 'ct_1', name: 'Wedding', status: 'active', ...over });
export const document = (over: IDataObject = {}) =>
	record({
		document_id: 'doc_1',
		contact_id: 'ct_1',
		project_id: null,
		template_id: null,
		name: 'Quote',
		document_type: 'quote',
		status: 'draft',
		url: null,
		sent_at: null,
		...over,
	});
export const contract = (over: IDataObject = {}) =>
	record({
		contract_id: 'k_1',
		contact_id: 'ct_1',
		project_id: null,
		name: 'Service agreement',
		status: 'draft',
		status_reason: null,
		amount: null,
		currency: 'USD',
		start_date: null,
		end_date: null,
		renewal_date: null,
		auto_renew: false,
		document_ids: [],
		sent_at: null,
		...over,
	});
export const invoice = (over: IDataObject = {}) =>
	record({
		invoice_id: 'inv_1',
		contract_id: null,
		contact_id: 'ct_1',
		number: 'INV-1',
		amount: 100,
		amount_paid: 0,
		currency: 'USD',
		due_date: null,
		status: 'draft',
		paid_at: null,
		...over,
	});

export const hatsError = (code: string, message: string, details?: IDataObject) => ({
	error: { code, message, request_id: `req_${code}`, ...(details ? { details } : {}) },
});

export interface RunOptions {
	input?: INodeExecutionData[];
	credentials?: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
}

let harness: EngineHarness | undefined;

/** Runs the 17hats node once with these parameters. */
export async function runHats(parameters: IDataObject, options: RunOptions = {}): Promise<WorkflowRunResult> {
	harness ??= await createHarness();
	const node = { name: NODE, type: nodeType('seventeenHats'), parameters, continueOnFail: options.continueOnFail } as INode;
	return await harness.runWorkflow({
		nodes: [node],
		input: options.input,
		credentials: { seventeenHatsApi: options.credentials ?? hatsCredentials() },
	});
}

/** nock with no stray network and fresh rate-limit buckets, shared by every node test. */
export { useNock } from '../support/nock';

export const api = () => nock(HATS_BASE);
