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

/** Location ID, defaulting to the credential's location. */
export const locationIdField: INodeProperties = {
	displayName: 'Location ID',
	name: 'locationId',
	type: 'string',
	default: '',
	description: "The sub-account to work in. Leave empty to use the credential's location.",
};

/** A contact, picked from a searchable list or given by ID. */
export const contactIdField: INodeProperties = {
	displayName: 'Contact ID',
	name: 'contactId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The HighLevel contact',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchContacts', searchable: true },
		},
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. ocQHyuzHvysMo5N5VsXc',
		},
	],
};

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
