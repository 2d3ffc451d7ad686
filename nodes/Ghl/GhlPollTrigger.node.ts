import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { filtersCollection } from '../common/describe';
import { fingerprint } from '../common/hash';
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
import { fetchRecords } from './poll/sources';
import { ghlTransport } from './transport';

/** Records returned by a manual test run. */
const SAMPLE_SIZE = 5;

function list(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String).filter((v) => v !== '');
	return String(value ?? '')
		.split(/[\s,;]+/)
		.filter((v) => v !== '');
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
				displayName:
					'Checks HighLevel on the schedule below. The first poll after activation only records what exists; later polls report each new record or change once. A manual test returns a few recent records.',
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
					{ name: 'New Document', value: 'new' },
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
					{ name: 'New Contact', value: 'new' },
					{ name: 'Contact Updated', value: 'updated' },
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
					{ name: 'New Invoice', value: 'new' },
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
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
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
		const now = Date.now();
		const toItems = (found: PollEvent[]): INodeExecutionData[][] | null =>
			found.length > 0 ? [found.map((json) => ({ json }))] : null;

		if (this.getMode() === 'manual') {
			// A test run shows what the output looks like; it leaves the memory alone.
			const records = await fetchRecords(this, ghlTransport, resource, { locationId, limit: SAMPLE_SIZE });
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
			const state: ResourceState = { key, since: now, watermark: now, known: {} };
			const records = await fetchRecords(this, ghlTransport, resource, { locationId, since: now });
			baseline(resource, records, state);
			saveState(staticData, resource, state);
			return null;
		}
		const records = await fetchRecords(this, ghlTransport, resource, { locationId, since: existing.watermark });
		const found = diffRecords(resource, records, existing, filters, now);
		saveState(staticData, resource, existing);
		return toItems(found);
	}
}
