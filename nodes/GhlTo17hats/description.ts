/** The sync node's parameters. */
import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsProperty } from '../common/describe';

/** Version 1 kept Concurrency under Options; from 1.1 it is under Request Options, as on the GHL and 17hats nodes. */
const VERSION_1 = { show: { '@version': [1] } };
const FROM_VERSION_1_1 = { show: { '@version': [{ _cnd: { gte: 1.1 } }] } };

const sharedOptions = requestOptionsProperty.options as INodeProperties[];
/** The shared option's name and bounds (nodes/common/requestOptions.ts checks them), said for records. */
const syncConcurrency: INodeProperties = {
	...(sharedOptions.find((o) => o.name === 'concurrency') as INodeProperties),
	description:
		'How many GHL records are synced at once (1 to 20). Items about the same GHL record always run one after another, in input order.',
};
const withoutConcurrency = sharedOptions.filter((o) => o.name !== 'concurrency');

/** The shared Request Options for the node's 17hats requests. */
const syncRequestOptions: INodeProperties[] = [
	{ ...requestOptionsProperty, displayOptions: FROM_VERSION_1_1, options: [syncConcurrency, ...withoutConcurrency] },
	{ ...requestOptionsProperty, displayOptions: VERSION_1, options: withoutConcurrency },
];

/** The sync's own options; version 1 also holds Concurrency here. */
const optionsWithoutConcurrency: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Amount Units',
			name: 'amountUnits',
			type: 'options',
			options: [
				{ name: 'Major (GHL Invoices: 999 = 999.00)', value: 'major' },
				{ name: 'Minor (Cents: 99900 = 999.00)', value: 'minor' },
			],
			default: 'major',
			description: 'How GHL amounts in the input are expressed',
		},
		{
			displayName: 'Attach Documents to Contract',
			name: 'attachDocuments',
			type: 'boolean',
			default: true,
			description: "Whether an invoice's contract gets the contact's GHL documents attached",
		},
		{
			displayName: 'Decimal Separator',
			name: 'decimalSeparator',
			type: 'options',
			options: [
				{ name: 'Point (1,234.56)', value: 'point' },
				{ name: 'Comma (1.234,56)', value: 'comma' },
			],
			default: 'point',
			description:
				'How amounts given as text are written. A currency symbol or code may stand before or after the number; any other text fails the item instead of being guessed.',
		},
		{
			displayName: 'Match Contacts by Email',
			name: 'matchByEmail',
			type: 'boolean',
			default: true,
			description: 'Whether a GHL contact not yet linked is matched to an unlinked 17hats contact with the same email',
		},
	],
};

const syncOptions: INodeProperties[] = [
	{ ...optionsWithoutConcurrency, displayOptions: FROM_VERSION_1_1 },
	{
		...optionsWithoutConcurrency,
		displayOptions: VERSION_1,
		options: [...(optionsWithoutConcurrency.options as INodeProperties[]), syncConcurrency].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
];

export const syncProperties: INodeProperties[] = [
	{
		displayName:
			'Each input item is one GHL record: a webhook item from the GHL Trigger, or a contact, document or invoice from the GHL Poll Trigger or the GHL node',
		name: 'inputNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Entity',
		name: 'entity',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Auto-Detect',
				value: 'auto',
				description: 'From GHL Trigger output (event/entity), the webhook "type", or the shape of the data',
			},
			{ name: 'Contact', value: 'contact', description: 'GHL contact → 17hats contact' },
			{
				name: 'Document',
				value: 'document',
				description: 'GHL document (proposal, or a workflow webhook body) → 17hats document with its contact and project',
			},
			{
				name: 'Invoice',
				value: 'invoice',
				description: 'GHL invoice → 17hats contract (status follows the invoice) and a 17hats invoice recorded against it',
			},
		],
		default: 'auto',
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description: 'Whether to only report what would change: reads 17hats, writes nothing',
	},
	{
		displayName: 'Field Overrides',
		name: 'fieldOverrides',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		typeOptions: {
			loadOptionsDependsOn: ['entity'],
			resourceMapper: {
				resourceMapperMethod: 'getMappingColumns',
				mode: 'map',
				fieldWords: { singular: '17hats field', plural: '17hats fields' },
				addAllFields: false,
				supportAutoMap: false,
				noFieldsError: 'No 17hats fields for this entity',
				allowEmptyValues: true,
			},
		},
		description:
			'17hats fields, each filled from GHL by the default mapping (docs/mapping.md). The columns start empty on purpose, with the default GHL field named in each title: the node reads GHL Trigger output, webhook bodies and API records, which keep that field in different places, so no single expression fits. An empty column uses the default mapping; set a value or expression to override it. The field\'s transform (phone, date, money, status map) still applies.',
	},
	{
		displayName: 'Delete Handling',
		name: 'deleteHandling',
		type: 'options',
		options: [
			{ name: 'Delete in 17hats', value: 'delete', description: 'Delete the linked 17hats record' },
			{ name: 'Ignore', value: 'ignore', description: 'Leave 17hats as it is (the item is skipped)' },
			{
				name: 'Mark as Deleted',
				value: 'mark',
				description: 'Set metadata.ghl_deleted and, where the record has a status, status void',
			},
		],
		default: 'mark',
		description: 'What a GHL delete event (ContactDelete, InvoiceDelete, a deleted document) does in 17hats',
	},
	{
		displayName: 'Send Welcome Agreement',
		name: 'welcomeAgreement',
		type: 'boolean',
		default: false,
		description: 'Whether to create and send a welcome agreement from a 17hats template to each new client, once per contact',
	},
	{
		displayName: 'New Client Is',
		name: 'welcomeTrigger',
		type: 'options',
		displayOptions: { show: { welcomeAgreement: [true] } },
		options: [
			{ name: 'A Contact With a Tag', value: 'contactTag', description: 'A GHL contact created or updated with the tag below' },
			{ name: 'First Invoice Paid', value: 'firstInvoicePaid', description: 'The first paid GHL invoice of a contact' },
		],
		default: 'contactTag',
	},
	{
		displayName: 'Client Tag',
		name: 'welcomeTag',
		type: 'string',
		displayOptions: { show: { welcomeAgreement: [true], welcomeTrigger: ['contactTag'] } },
		default: 'client',
		description: 'GHL tag that marks a contact as a new client (case-insensitive)',
	},
	{
		displayName: 'Welcome Template Name or ID',
		name: 'welcomeTemplateId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTemplates' },
		displayOptions: { show: { welcomeAgreement: [true] } },
		default: '',
		description:
			'17hats template the agreement is made from. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Welcome Document Name',
		name: 'welcomeName',
		type: 'string',
		displayOptions: { show: { welcomeAgreement: [true] } },
		default: 'Welcome Agreement',
	},
	{
		displayName: 'Send Renewal Notice',
		name: 'renewalNotice',
		type: 'boolean',
		default: false,
		description:
			'Whether a recurring GHL invoice (invoice schedule) sends a renewal notice from a 17hats template, once per billing period',
	},
	{
		displayName: 'Renewal Template Name or ID',
		name: 'renewalTemplateId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTemplates' },
		displayOptions: { show: { renewalNotice: [true] } },
		default: '',
		description:
			'17hats template the renewal notice is made from. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Renewal Document Name',
		name: 'renewalName',
		type: 'string',
		displayOptions: { show: { renewalNotice: [true] } },
		default: 'Renewal Notice',
	},
	...syncOptions,
	...syncRequestOptions,
];
