import type { INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { filtersCollection } from '../common/describe';
import { reuseConnections } from '../common/transport';
import { pollOnce } from './trigger/poll';
import { TRIGGER_RESOURCES, TRIGGER_RESOURCE_NAMES, type TriggerResource } from './trigger/resources';

/** The trigger's docs (events, memory, limits). */
const TRIGGER_GUIDE_URL = 'https://github.com/n8n-nodes-ghl-17hats/n8n-nodes-ghl-17hats/blob/main/docs/17hats-node.md#17hats-trigger';

/** 17hats list filters the trigger offers, by query parameter. */
const LIST_FILTER_FIELDS: Record<string, INodeProperties> = {
	type: {
		displayName: 'Contact Type',
		name: 'type',
		type: 'options',
		options: [
			{ name: 'Any', value: '' },
			{ name: 'Client', value: 'client' },
			{ name: 'Cold Prospect', value: 'cold_prospect' },
			{ name: 'Hot Lead', value: 'hot_lead' },
			{ name: 'Other', value: 'other' },
		],
		default: '',
		description: 'Only contacts of this type',
	},
	document_type: {
		displayName: 'Document Type',
		name: 'document_type',
		type: 'options',
		options: [
			{ name: 'Any', value: '' },
			{ name: 'Contract', value: 'contract' },
			{ name: 'Invoice', value: 'invoice' },
			{ name: 'Other', value: 'other' },
			{ name: 'Questionnaire', value: 'questionnaire' },
			{ name: 'Quote', value: 'quote' },
		],
		default: '',
		description: 'Only documents of this type',
	},
	contact_id: {
		displayName: 'Contact ID',
		name: 'contact_id',
		type: 'string',
		default: '',
		placeholder: 'ct_…',
		description: "Only this contact's records",
	},
	project_id: {
		displayName: 'Project ID',
		name: 'project_id',
		type: 'string',
		default: '',
		placeholder: 'pr_…',
		description: "Only this project's documents",
	},
	contract_id: {
		displayName: 'Contract ID',
		name: 'contract_id',
		type: 'string',
		default: '',
		placeholder: 'k_…',
		description: "Only this contract's invoices",
	},
};

function eventsProperty(resource: TriggerResource): INodeProperties {
	const def = TRIGGER_RESOURCES[resource];
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: def.events,
		// An array literal: the lint rules read a member expression as no (or no array) default.
		default: [...def.defaultEvents],
		required: true,
		displayOptions: { show: { resource: [resource] } },
	};
}

function filtersProperty(resource: TriggerResource): INodeProperties {
	const def = TRIGGER_RESOURCES[resource];
	const options: INodeProperties[] = def.listFilters.map((name) => LIST_FILTER_FIELDS[name]);
	if (def.statuses) {
		options.push({
			displayName: 'Statuses',
			name: 'statuses',
			type: 'multiOptions',
			options: def.statuses,
			default: [],
			description: `Only changes to these statuses. Empty: ${(def.defaultStatuses ?? []).join(', ')}.`,
		});
	}
	return { ...filtersCollection(options), displayOptions: { show: { resource: [resource] } } };
}

export class SeventeenHatsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: '17hats Trigger',
		name: 'seventeenHatsTrigger',
		icon: { light: 'file:../../icons/seventeenHatsTrigger.svg', dark: 'file:../../icons/seventeenHatsTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Poll " + $parameter["resource"] + "s"}}',
		description: 'Starts the workflow when 17hats contacts, documents, contracts or invoices are new or change',
		defaults: { name: '17hats Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'seventeenHatsApi', required: true }],
		properties: [
			{
				displayName: `Checks 17hats on the schedule below and reports each change once; the first poll only records what exists. <a href="${TRIGGER_GUIDE_URL}" target="_blank">How it works</a>`,
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
					{ name: 'Contract', value: 'contract' },
					{ name: 'Document', value: 'document' },
					{ name: 'Invoice', value: 'invoice' },
				],
				default: 'contact',
			},
			...TRIGGER_RESOURCE_NAMES.map(eventsProperty),
			...TRIGGER_RESOURCE_NAMES.map(filtersProperty),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		// One credential read per poll, however many pages it reads.
		return await reuseConnections(this, async () => await pollOnce.call(this));
	}
}
