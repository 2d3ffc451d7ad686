/** The 17hats → GHL sync node's parameters. */
import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsProperty } from '../common/describe';
import { authenticationProperty } from '../Ghl/actions/common.descriptions';
import { PAYMENT_MODES } from '../Ghl/actions/invoice/recordPayment.operation';

const forEntity = (...entity: string[]) => ({ show: { entity } });

export const reverseProperties: INodeProperties[] = [
	{
		displayName:
			'Each input item is one 17hats record: 17hats Trigger output or a record from the 17hats node. Runs next to the GHL to 17hats Sync without echoes (docs/mapping.md).',
		name: 'inputNotice',
		type: 'notice',
		default: '',
	},
	authenticationProperty,
	{
		displayName: 'Entity',
		name: 'entity',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Auto-Detect', value: 'auto', description: "From the 17hats Trigger's entity, or the record's ID" },
			{ name: 'Contact', value: 'contact', description: '17hats contact → GHL contact (create or update)' },
			{ name: 'Contract', value: 'contract', description: 'Signed 17hats contract → GHL opportunity status and stage' },
			{ name: 'Invoice', value: 'invoice', description: 'Paid 17hats invoice → payment recorded on the linked GHL invoice' },
		],
		default: 'auto',
	},
	{
		displayName: 'Pipeline Name or ID',
		name: 'pipelineId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPipelines' },
		default: '',
		description:
			'Pipeline of the opportunity a signed contract moves. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: forEntity('auto', 'contract'),
	},
	{
		displayName: 'Stage Name or ID',
		name: 'stageId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPipelineStages', loadOptionsDependsOn: ['pipelineId'] },
		default: '',
		description:
			'Stage the opportunity moves to; empty leaves the stage. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: forEntity('auto', 'contract'),
	},
	{
		displayName: 'Opportunity Status',
		name: 'opportunityStatus',
		type: 'options',
		options: [
			{ name: 'Abandoned', value: 'abandoned' },
			{ name: 'Lost', value: 'lost' },
			{ name: 'Open', value: 'open' },
			{ name: 'Won', value: 'won' },
		],
		default: 'won',
		displayOptions: forEntity('auto', 'contract'),
	},
	{
		displayName: 'Signed Statuses',
		name: 'signedStatuses',
		type: 'multiOptions',
		options: [
			{ name: 'Active', value: 'active' },
			{ name: 'Completed', value: 'completed' },
			{ name: 'Signed', value: 'signed' },
		],
		default: ['signed', 'active', 'completed'],
		description: 'The 17hats contract statuses that count as signed; other statuses change nothing',
		displayOptions: forEntity('auto', 'contract'),
	},
	{
		displayName: 'Add Tags to Contact',
		name: 'wonTags',
		type: 'string',
		default: '',
		placeholder: 'client, signed',
		description: "Comma-separated GHL tags added to the contact when its contract is signed (only those it lacks)",
		displayOptions: forEntity('auto', 'contract'),
	},
	{
		displayName: 'Create Opportunity If Missing',
		name: 'createOpportunity',
		type: 'boolean',
		default: true,
		description: 'Whether a contact with no opportunity in the pipeline gets one, named after the contract',
		displayOptions: forEntity('auto', 'contract'),
	},
	{
		displayName: 'Payment Mode',
		name: 'paymentMode',
		type: 'options',
		options: PAYMENT_MODES,
		default: 'other',
		description: 'How the payment recorded on the GHL invoice is labelled',
		displayOptions: forEntity('auto', 'invoice'),
	},
	{
		displayName: 'Contact Custom Fields',
		name: 'customFieldsUi',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Custom Field',
		default: {},
		description: 'GHL contact custom fields set from the 17hats record ; the value may be an expression over the item, e.g. the 17hats notes',
		options: [
			{
				name: 'field',
				displayName: 'Field',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'id',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getContactCustomFields' },
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
		displayOptions: forEntity('auto', 'contact', 'contract'),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Match Contacts by Email',
				name: 'matchByEmail',
				type: 'boolean',
				default: true,
				description: 'Whether a 17hats contact not yet linked to GHL is matched to the GHL contact with the same email',
			},
		],
	},
	requestOptionsProperty,
];
