/**
 * What the 17hats Trigger watches, per resource: the collection it lists, the
 * events it offers, the list filters passed to 17hats as they are, and the
 * statuses a status event can be limited to.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

import type { CollectionName } from '../api/collections';

export type TriggerResource = 'contact' | 'document' | 'contract' | 'invoice';

export interface TriggerResourceDef {
	collection: CollectionName;
	/** `Contact`, `Document`…: the first word of every event name. */
	entity: string;
	/** Whether records carry `status` and `status_changed_at` (docs/17hats-api.yaml). */
	hasStatus: boolean;
	events: INodePropertyOptions[];
	defaultEvents: string[];
	/** The 17hats list filters (exact match) the node offers, by query parameter. */
	listFilters: string[];
	/** Status choices of the Statuses filter (status events only). */
	statuses?: INodePropertyOptions[];
	/** The statuses reported when the filter is left empty. */
	defaultStatuses?: string[];
}

/** The status a record starts in; a new record's status is an event only when it starts elsewhere. */
export const INITIAL_STATUS = 'draft';

export const TRIGGER_RESOURCES: Record<TriggerResource, TriggerResourceDef> = {
	contact: {
		collection: 'contacts',
		entity: 'Contact',
		hasStatus: false,
		events: [
			{ name: 'Created', value: 'created', description: 'A contact added since the last poll' },
			{ name: 'Updated', value: 'updated', description: 'Any change to an existing contact' },
		],
		defaultEvents: ['created', 'updated'],
		listFilters: ['type'],
	},
	document: {
		collection: 'documents',
		entity: 'Document',
		hasStatus: true,
		events: [{ name: 'Status Changed', value: 'statusChanged', description: 'The document moved to one of the chosen statuses' }],
		defaultEvents: ['statusChanged'],
		listFilters: ['document_type', 'contact_id', 'project_id'],
		statuses: [
			{ name: 'Accepted', value: 'accepted' },
			{ name: 'Declined', value: 'declined' },
			{ name: 'Draft', value: 'draft' },
			{ name: 'Sent', value: 'sent' },
			{ name: 'Signed (Completed)', value: 'completed' },
			{ name: 'Viewed', value: 'viewed' },
			{ name: 'Void', value: 'void' },
		],
		defaultStatuses: ['sent', 'viewed', 'completed', 'accepted', 'declined'],
	},
	contract: {
		collection: 'contracts',
		entity: 'Contract',
		hasStatus: true,
		events: [{ name: 'Status Changed', value: 'statusChanged', description: 'The contract moved to one of the chosen statuses' }],
		defaultEvents: ['statusChanged'],
		listFilters: ['contact_id'],
		statuses: [
			{ name: 'Active', value: 'active' },
			{ name: 'Cancelled', value: 'cancelled' },
			{ name: 'Completed', value: 'completed' },
			{ name: 'Draft', value: 'draft' },
			{ name: 'Sent', value: 'sent' },
			{ name: 'Signed', value: 'signed' },
			{ name: 'Void', value: 'void' },
		],
		defaultStatuses: ['sent', 'signed', 'active', 'completed', 'cancelled', 'void'],
	},
	invoice: {
		collection: 'invoices',
		entity: 'Invoice',
		hasStatus: true,
		events: [
			{ name: 'Created', value: 'created', description: 'An invoice added since the last poll' },
			{ name: 'Paid', value: 'paid', description: 'The invoice became paid in full' },
			{ name: 'Voided', value: 'voided', description: 'The invoice became void' },
		],
		defaultEvents: ['created', 'paid', 'voided'],
		listFilters: ['contact_id', 'contract_id'],
	},
};

export const TRIGGER_RESOURCE_NAMES = Object.keys(TRIGGER_RESOURCES) as TriggerResource[];
