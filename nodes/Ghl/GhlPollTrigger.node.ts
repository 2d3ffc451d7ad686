import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { filtersCollection } from '../common/describe';
import { fingerprint } from '../common/hash';
import { reuseConnections } from '../common/transport';
import { authenticationProperty, ghlCredentials } from './actions/common.descriptions';
import { documentPaymentStatusOptions, documentStatusOptions } from './actions/document/fields';
import {
	baseline,
	diffRecords,
	saveState,
	stateFor,
	type PollEvent,
	type PollFilters,
	type PollResource,
	type ResourceState,
} from './poll/diff';
import { DEFAULT_MAX_PAGES, fetchRecords, PAGE_SIZE, type FetchResult } from './poll/sources';
import { ghlTransport } from './transport';

/** The README's polling notes (request cost, large accounts). */
const POLLING_GUIDE_URL = 'https://www.npmjs.com/package/n8n-nodes-ghl-17hats#receiving-ghl-events';

/** Records returned by a manual test run. */
const SAMPLE_SIZE = 5;

function list(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String).filter((v) => v !== '');
	return String(value ?? '')
		.split(/[\s,;]+/)
		.filter((v) => v !== '');
}

/** Keeps where reading stopped (list offset, contact backlog) for the next poll. */
function carryOver(ctx: IPollFunctions, resource: PollResource, state: ResourceState, fetched: FetchResult, maxPages: number): void {
	if (resource !== 'contact') {
		state.offset = fetched.nextOffset ?? 0;
		return;
	}
	if (fetched.backlog) {
		state.backlog = fetched.backlog;
		ctx.logger.warn(
			`GHL Poll Trigger: more contacts changed than ${maxPages} pages (Max Pages Per Poll) hold; the rest, back to ${new Date(fetched.backlog.floor).toISOString()}, is read by the next poll(s)`,
		);
	} else {
		delete state.backlog;
	}
}

export class GhlPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GHL Poll Trigger',
		name: 'ghlPollTrigger',
		icon: { light: 'file:../../icons/ghl.svg', dark: 'file:../../icons/ghl.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Poll " + $parameter["resource"] + "s"}}',
		description: 'Starts the workflow when HighLevel (GHL) documents, contacts or invoices are new or change',
		defaults: { name: 'GHL Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: ghlCredentials,
		properties: [
			authenticationProperty,
			{
				displayName: `Checks HighLevel on the schedule below and reports each new record or change once; the first poll only records what exists. <a href="${POLLING_GUIDE_URL}" target="_blank">Cost and limits</a>`,
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Contact', value: 'contact' },
					{ name: 'Document (Documents & Contracts)', value: 'document' },
					{ name: 'Invoice', value: 'invoice' },
				],
				default: 'document',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{ name: 'New', value: 'new', description: 'A document created since the last poll' },
					{ name: 'Payment Status Changed', value: 'paymentStatusChanged' },
					{ name: 'Status Changed', value: 'statusChanged', description: 'Draft, sent, viewed, completed, accepted' },
				],
				default: ['new', 'statusChanged'],
				required: true,
				displayOptions: { show: { resource: ['document'] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{ name: 'New', value: 'new', description: 'A contact created since the last poll' },
					{ name: 'Updated', value: 'updated', description: 'A contact changed since the last poll' },
				],
				default: ['new', 'updated'],
				required: true,
				displayOptions: { show: { resource: ['contact'] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{ name: 'New', value: 'new', description: 'An invoice created since the last poll' },
					{ name: 'Status Changed', value: 'statusChanged', description: 'For example sent, paid or void' },
				],
				default: ['new', 'statusChanged'],
				required: true,
				displayOptions: { show: { resource: ['invoice'] } },
			},
			{
				displayName: 'Location ID',
				name: 'locationId',
				type: 'string',
				default: '',
				description: "The sub-account to watch. Leave empty to use the credential's location.",
			},
			{
				...filtersCollection([
					{
						displayName: 'Document Types',
						name: 'types',
						type: 'string',
						default: '',
						placeholder: 'proposal, contract',
						description: 'Only documents of these types (comma-separated)',
					},
					{
						displayName: 'Payment Statuses',
						name: 'paymentStatuses',
						type: 'multiOptions',
						options: documentPaymentStatusOptions,
						default: [],
						description: 'Only documents in (or changing to) these payment statuses',
					},
					{
						displayName: 'Statuses',
						name: 'statuses',
						type: 'multiOptions',
						options: documentStatusOptions,
						default: [],
						description: 'Only documents in (or changing to) these statuses',
					},
				]),
				displayOptions: { show: { resource: ['document'] } },
			},
			{
				...filtersCollection([
					{
						displayName: 'Statuses',
						name: 'statuses',
						type: 'multiOptions',
						options: [
							{ name: 'Draft', value: 'draft' },
							{ name: 'Paid', value: 'paid' },
							{ name: 'Partially Paid', value: 'partially_paid' },
							{ name: 'Payment Processing', value: 'payment_processing' },
							{ name: 'Sent', value: 'sent' },
							{ name: 'Void', value: 'void' },
						],
						default: [],
						description: 'Only invoices in (or changing to) these statuses',
					},
				]),
				displayOptions: { show: { resource: ['invoice'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Max Pages Per Poll',
						name: 'maxPages',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_MAX_PAGES,
						description: `At most this many API requests (${PAGE_SIZE} records each) per poll. Documents and invoices: the next poll goes on where this one stopped, so with N records every record is checked within ⌈N / (${PAGE_SIZE} × this)⌉ polls; raise it to see changes sooner, lower it to spend fewer of HighLevel's daily requests. Contacts: changes beyond it are read by the next poll.`,
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		// One credential read per poll, however many pages it reads (the scope ends with the poll).
		return await reuseConnections(this, async () => await pollOnce.call(this));
	}
}

/** One poll: read what changed since the last one and report it. */
async function pollOnce(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const resource = this.getNodeParameter('resource', 'document') as PollResource;
	const events = list(this.getNodeParameter('events', []));
	if (events.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Events is empty: choose at least one event to watch');
	}
	const rawFilters = (this.getNodeParameter('filters', {}) ?? {}) as IDataObject;
	const filters: PollFilters = {
		events,
		statuses: list(rawFilters.statuses),
		paymentStatuses: list(rawFilters.paymentStatuses),
		types: list(rawFilters.types),
	};
	const connection = await ghlTransport.connect(this);
	const locationId = String(this.getNodeParameter('locationId', '') || connection.defaults.locationId || '');
	if (locationId === '') {
		throw new NodeOperationError(this.getNode(), 'No Location ID: set one here or in the credential');
	}
	const options = (this.getNodeParameter('options', {}) ?? {}) as IDataObject;
	const maxPages = Number(options.maxPages ?? DEFAULT_MAX_PAGES);
	if (!Number.isInteger(maxPages) || maxPages < 1) {
		throw new NodeOperationError(this.getNode(), 'Max Pages Per Poll must be a whole number of at least 1');
	}
	const now = Date.now();
	const toItems = (found: PollEvent[]): INodeExecutionData[][] | null =>
		found.length > 0 ? [found.map((json) => ({ json, pairedItem: { item: 0 } }))] : null;

	if (this.getMode() === 'manual') {
		// A test run shows what the output looks like; it leaves the memory alone.
		const { records } = await fetchRecords(this, ghlTransport, resource, { locationId, limit: SAMPLE_SIZE });
		const sampleState: ResourceState = { key: 'sample', since: 0, watermark: 0, known: {} };
		const samples = diffRecords(resource, records, sampleState, { ...filters, events: ['new'] }, now).map(
			(event) => ({ ...event, event: event.event.replace(/Created$/, 'Sample'), sample: true }),
		);
		return toItems(samples);
	}

	const staticData = this.getWorkflowStaticData('node');
	const key = fingerprint(resource, locationId, connection.credentialType);
	const existing = stateFor(staticData, resource, key);
	if (!existing) {
		// First poll (or the resource/location changed): record, report nothing old.
		// Lists not read to their end here are covered by the next polls (records
		// older than `since` seen for the first time are only remembered).
		const state: ResourceState = { key, since: now, watermark: now, known: {} };
		const fetched = await fetchRecords(this, ghlTransport, resource, { locationId, since: now, maxPages });
		if (resource !== 'contact') state.offset = fetched.nextOffset ?? 0;
		baseline(resource, fetched.records, state);
		saveState(staticData, resource, state);
		return null;
	}
	const fetched = await fetchRecords(this, ghlTransport, resource, {
		locationId,
		since: existing.watermark,
		maxPages,
		offset: existing.offset,
		backlog: existing.backlog,
	});
	carryOver(this, resource, existing, fetched, maxPages);
	const found = diffRecords(resource, fetched.records, existing, filters, now);
	saveState(staticData, resource, existing);
	return toItems(found);
}
