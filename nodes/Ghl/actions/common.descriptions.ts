/** Fields several GHL operations share. */
import type { INodeProperties } from 'n8n-workflow';

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Private Integration Token', value: 'privateIntegrationToken' },
		{ name: 'OAuth2 (Marketplace App)', value: 'oAuth2' },
	],
	default: 'privateIntegrationToken',
};

export const ghlCredentials = [
	{
		name: 'ghlPrivateIntegrationApi',
		required: true,
		displayOptions: { show: { authentication: ['privateIntegrationToken'] } },
	},
	{
		name: 'ghlOAuth2Api',
		required: true,
		displayOptions: { show: { authentication: ['oAuth2'] } },
	},
];

/**
 * Marks an operation that works in a location. The node does not show it: a
 * saved workflow's top-level `locationId` is still read (a hidden parameter
 * keeps its value), and `withLocationOverride` (actions/index.ts) adds
 * Options → Location ID (Override). Empty means the credential's location.
 */
export const locationIdField: INodeProperties = {
	displayName: 'Location ID',
	name: 'locationId',
	type: 'hidden',
	default: '',
};

/** Options → Location ID (Override): the location to work in instead of the credential's. */
export const locationOverrideOption: INodeProperties = {
	displayName: 'Location ID (Override)',
	name: 'locationId',
	type: 'string',
	default: '',
	description: "The sub-account to work in instead of the credential's location",
};

/** Where a record can also be given by the address of its page in HighLevel. */
interface RecordUrl {
	/** The part of the page's address before the id, e.g. `/contacts/detail/`. */
	pathBeforeId: string;
	placeholder: string;
}

/**
 * A record picked from a searchable list (a `listSearch` method), given by
 * ID, or, where HighLevel has a page for it, by that page's URL. Read with
 * `extractValue` (ItemParameters does), so a plain string saved by an older
 * version still works.
 */
export function recordLocator(options: {
	displayName: string;
	name: string;
	searchListMethod: string;
	description: string;
	placeholder?: string;
	url?: RecordUrl;
	required?: boolean;
}): INodeProperties {
	// The By URL mode reads the id after this part of the page's address.
	const urlRegex = options.url ? `${options.url.pathBeforeId.replace(/\//g, '\\/')}([a-zA-Z0-9_-]+)` : '';
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		required: options.required ?? true,
		default: { mode: 'list', value: '' },
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: options.placeholder ?? 'e.g. ocQHyuzHvysMo5N5VsXc',
			},
			...(options.url
				? [
						{
							displayName: 'By URL',
							name: 'url',
							type: 'string' as const,
							placeholder: options.url.placeholder,
							validation: [{ type: 'regex' as const, properties: { regex: `.*${urlRegex}.*`, errorMessage: 'Not a valid HighLevel URL' } }],
							extractValue: { type: 'regex' as const, regex: urlRegex },
						},
					]
				: []),
		],
	};
}

/** A contact, picked from a searchable list, by ID, or by the URL of its page. */
export const contactIdField: INodeProperties = recordLocator({
	displayName: 'Contact ID',
	name: 'contactId',
	searchListMethod: 'searchContacts',
	description: 'The HighLevel contact',
	url: {
		pathBeforeId: '/contacts/detail/',
		placeholder: 'e.g. https://app.gohighlevel.com/v2/location/ve9EPM428h8vShlRW1KT/contacts/detail/ocQHyuzHvysMo5N5VsXc',
	},
});

export function idField(displayName: string, name: string, description?: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		required: true,
		default: '',
		...(description ? { description } : {}),
	};
}

/**
 * The Additional Fields collection (parameter `additionalFields`) with an
 * operation's optional fields; update operations label it "Update Fields".
 */
export function additionalFieldsCollection(
	options: INodeProperties[],
	displayName: 'Additional Fields' | 'Update Fields' = 'Additional Fields',
): INodeProperties {
	return { displayName, name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options };
}

/** A HighLevel user, from the location's users. */
export function userField(displayName: string, name: string, required = false): INodeProperties {
	return {
		displayName,
		name,
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getUsers' },
		default: '',
		required,
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	};
}

/** Custom field values, sent as `customFields: [{ id, field_value }]`. */
export function customFieldsUiField(model: 'contact' | 'opportunity'): INodeProperties {
	return {
		displayName: 'Custom Fields',
		name: 'customFieldsUi',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add custom field',
		default: {},
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'id',
						type: 'options',
						typeOptions: {
							loadOptionsMethod: model === 'contact' ? 'getContactCustomFields' : 'getOpportunityCustomFields',
						},
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'For checkbox and multi-select fields, a JSON array such as ["a","b"]',
					},
				],
			},
		],
	};
}

/** A JSON text field. */
export function jsonField(displayName: string, name: string, description: string, required = false, dflt = ''): INodeProperties {
	return {
		displayName,
		name,
		type: 'json',
		default: dflt,
		required,
		description,
	};
}
