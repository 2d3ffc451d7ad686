/** Contact fields shared by create, update and create-or-update. */
import type { INodeProperties } from 'n8n-workflow';

import { CONTACT_TYPES, fieldsCollection, statusField } from '../common.descriptions';

export const emailField: INodeProperties = {
	displayName: 'Email',
	name: 'email',
	type: 'string',
	placeholder: 'name@email.com',
	default: '',
};

export const firstNameField: INodeProperties = { displayName: 'First Name', name: 'firstName', type: 'string', default: '' };

export const lastNameField: INodeProperties = { displayName: 'Last Name', name: 'lastName', type: 'string', default: '' };

/** A plain text field named after its label: "Postal Code" → postalCode. */
function textField(displayName: string): INodeProperties {
	const name = displayName.replace(/ (\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toLowerCase());
	return { displayName, name, type: 'string', default: '' };
}

const contactFields: INodeProperties[] = [
	{
		displayName: 'Address',
		name: 'address',
		type: 'fixedCollection',
		placeholder: 'Add address',
		default: {},
		options: [
			{
				displayName: 'Details',
				name: 'details',
				values: ['Street', 'City', 'State', 'Postal Code', 'Country'].map(textField),
			},
		],
	},
	{ displayName: 'Company', name: 'company', type: 'string', default: '' },
	{ displayName: 'Notes', name: 'notes', type: 'string', typeOptions: { rows: 3 }, default: '' },
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
	{ displayName: 'Tags', name: 'tags', type: 'string', default: '', description: 'Comma-separated tags' },
	{ ...statusField(CONTACT_TYPES), displayName: 'Type', name: 'type', default: 'other' },
];

/** The top-level fields a new contact is made from (one of them must be set). */
export const contactIdentityFields = [emailField, firstNameField, lastNameField];

export const contactAdditionalFields = fieldsCollection('additionalFields', contactFields);

export const contactUpdateFields = fieldsCollection('updateFields', [...contactIdentityFields, ...contactFields]);
