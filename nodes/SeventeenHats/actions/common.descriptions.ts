/** Fields several 17hats operations share. */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { filtersCollection } from '../../common/describe';
import { COLLECTIONS, LIST_PAGINATION, TEMPLATES, type Collection } from '../api/collections';

/** Every 17hats list: `{ data, next_cursor }`, up to 100 a page. */
export const HATS_PAGINATION = LIST_PAGINATION;

interface LocatorSpec {
	name: string;
	displayName: string;
	/** The listSearch method in methods/listSearch.ts. */
	searchListMethod: string;
	/** The collection the record belongs to (its id prefix, e.g. `ct_`). */
	collection: Collection;
}

export const CONTACT: LocatorSpec = { name: 'contactId', displayName: 'Contact', searchListMethod: 'searchContacts', collection: COLLECTIONS.contacts };
export const PROJECT: LocatorSpec = { name: 'projectId', displayName: 'Project', searchListMethod: 'searchProjects', collection: COLLECTIONS.projects };
export const DOCUMENT: LocatorSpec = { name: 'documentId', displayName: 'Document', searchListMethod: 'searchDocuments', collection: COLLECTIONS.documents };
export const CONTRACT: LocatorSpec = { name: 'contractId', displayName: 'Contract', searchListMethod: 'searchContracts', collection: COLLECTIONS.contracts };
export const TEMPLATE: LocatorSpec = { name: 'templateId', displayName: 'Template', searchListMethod: 'searchTemplates', collection: TEMPLATES };

/** A record picker: from a searchable list, or by ID. */
export function locator(spec: LocatorSpec, required = true): INodeProperties {
	const prefix = spec.collection.idPrefix;
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		required,
		default: { mode: 'list', value: '' },
		description: `The 17hats ${spec.displayName.toLowerCase()}`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `${prefix}123`,
				validation: [
					{
						type: 'regex',
						properties: { regex: `^${prefix}.+`, errorMessage: `A 17hats ${spec.displayName.toLowerCase()} ID starts with "${prefix}"` },
					},
				],
			},
		],
	};
}

export const invoiceIdField: INodeProperties = {
	displayName: 'Invoice ID',
	name: 'invoiceId',
	type: 'string',
	required: true,
	default: '',
	placeholder: `${COLLECTIONS.invoices.idPrefix}123`,
	description: 'The 17hats invoice ID',
};

export const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	required: true,
	default: '',
};

export const metadataField: INodeProperties = {
	displayName: 'Metadata',
	name: 'metadata',
	type: 'fixedCollection',
	placeholder: 'Add metadata',
	typeOptions: { multipleValues: true },
	default: {},
	description: 'Key/value pairs stored on the record (e.g. the GHL ID). Merged into existing metadata unless Metadata Mode is Replace.',
	options: [
		{
			displayName: 'Entry',
			name: 'entries',
			values: [
				{ displayName: 'Key', name: 'key', type: 'string', default: '' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
};

export const metadataModeField: INodeProperties = {
	displayName: 'Metadata Mode',
	name: 'metadataMode',
	type: 'options',
	options: [
		{ name: 'Merge', value: 'merge', description: 'Keep existing keys, add or overwrite the given ones' },
		{ name: 'Replace', value: 'replace', description: 'The given keys become the whole metadata' },
	],
	default: 'merge',
};

export const externalIdField: INodeProperties = {
	displayName: 'External ID',
	name: 'externalId',
	type: 'string',
	default: '',
	description: 'ID of the record in another system, e.g. the GHL ID. Unique per record type.',
};

export const lastSyncedAtField: INodeProperties = {
	displayName: 'Last Synced At',
	name: 'lastSyncedAt',
	type: 'dateTime',
	default: '',
	description: 'When the record was last synced from the other system',
};

function options(values: Record<string, string>): INodePropertyOptions[] {
	return Object.entries(values).map(([name, value]) => ({ name, value }));
}

export const CONTACT_TYPES = options({ 'Hot Lead': 'hot_lead', Client: 'client', 'Cold Prospect': 'cold_prospect', Other: 'other' });
export const PROJECT_STATUSES = options({ Active: 'active', Completed: 'completed', Archived: 'archived' });
export const DOCUMENT_TYPES = options({ Quote: 'quote', Contract: 'contract', Invoice: 'invoice', Questionnaire: 'questionnaire', Other: 'other' });
export const DOCUMENT_STATUSES = options({
	Draft: 'draft', Sent: 'sent', Viewed: 'viewed', Completed: 'completed', Accepted: 'accepted', Declined: 'declined', Void: 'void',
});
export const CONTRACT_STATUSES = options({
	Draft: 'draft', Sent: 'sent', Signed: 'signed', Active: 'active', Completed: 'completed', Cancelled: 'cancelled', Void: 'void',
});
export const INVOICE_STATUSES = options({
	Draft: 'draft', Sent: 'sent', 'Partially Paid': 'partially_paid', Paid: 'paid', 'Past Due': 'past_due', Void: 'void', Refunded: 'refunded',
});

/** A status dropdown; `required` for the Update Status operations. */
export function statusField(statuses: INodePropertyOptions[], required = false): INodeProperties {
	const field: INodeProperties = { displayName: 'Status', name: 'status', type: 'options', options: statuses, default: '' };
	return { ...field, required, default: statuses[0].value };
}

/** A plain text ID filter inside the Filters collection. */
export function idFilter(displayName: string, name: string): INodeProperties {
	return { displayName, name, type: 'string', default: '' };
}

/** The Filters collection of a Get Many: external ID, updated since, metadata, plus the resource's own. */
export function listFilters(own: INodeProperties[]): INodeProperties {
	return filtersCollection([
		...own,
		{ ...externalIdField, description: 'Only the record with this external ID (exact match)' },
		{ ...metadataField, description: 'Only records whose metadata has all these key/value pairs' },
		{
			displayName: 'Updated Since',
			name: 'updatedSince',
			type: 'dateTime',
			default: '',
			description: 'Only records updated at or after this time',
		},
	]);
}

/** The Additional Fields (create) or Update Fields (update) collection of a resource. */
export function fieldsCollection(name: 'additionalFields' | 'updateFields', fields: INodeProperties[]): INodeProperties {
	return {
		displayName: name === 'additionalFields' ? 'Additional Fields' : 'Update Fields',
		name,
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [...fields, externalIdField, lastSyncedAtField],
	};
}
