/** The contact fields create, update and upsert share (names as in HighLevel's spec). */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemParameters } from '../../../common/operation';
import { customFieldValues, fieldsOf, listOf } from '../../helpers/request';
import { additionalFieldsCollection, contactIdField } from '../common.descriptions';
import type { FollowersTarget } from '../shared.operations';

/** Add/Remove Followers on a contact. */
export const contactFollowers: FollowersTarget = {
	resource: 'contact',
	noun: 'a contact',
	path: '/contacts/{contactId}/followers',
	scopes: ['contacts.write'],
	idField: contactIdField,
	pathParams: (p) => ({ contactId: p.pathId('contactId') }),
};

type ContactFieldsKind = 'create' | 'update' | 'upsert';

const text = (displayName: string, name: string, extra: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	...extra,
});

export function contactFields(kind: ContactFieldsKind): INodeProperties {
	const options: INodeProperties[] = [
		text('Address', 'address1'),
		{
			displayName: 'Assigned To Name or ID',
			name: 'assignedTo',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getUsers' },
			default: '',
			description:
				'The user the contact is assigned to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		text('City', 'city'),
		text('Country', 'country', { placeholder: 'US' }),
		text('Date of Birth', 'dateOfBirth', { placeholder: 'YYYY-MM-DD' }),
		{ displayName: 'DND', name: 'dnd', type: 'boolean', default: false, description: 'Whether Do Not Disturb is on for all channels' },
		// Update adds Email and Phone below; Create or Update shows them as its own top-level fields.
		...(kind === 'create' ? [text('Email', 'email', { placeholder: 'name@email.com' })] : []),
		text('First Name', 'firstName'),
		text('Full Name', 'name'),
		text('Last Name', 'lastName'),
		...(kind === 'create' ? [text('Phone', 'phone')] : []),
		text('Postal Code', 'postalCode'),
		text('Source', 'source'),
		text('State', 'state'),
		text('Tags', 'tags', {
			description: 'Comma-separated. Replaces all of the contact\'s tags; use Add Tags / Remove Tags to change some.',
		}),
		text('Timezone', 'timezone', { placeholder: 'America/New_York' }),
		text('Website', 'website'),
	];
	if (kind !== 'update') {
		options.push(text('Company Name', 'companyName'), {
			displayName: 'Gender',
			name: 'gender',
			type: 'options',
			options: [
				{ name: 'Female', value: 'female' },
				{ name: 'Male', value: 'male' },
				{ name: 'Not Set', value: '' },
			],
			// Nothing is sent until a gender is chosen.
			default: '',
		});
	}
	if (kind === 'update') options.push(text('Email', 'email'), text('Phone', 'phone'));
	if (kind === 'upsert') {
		options.push({
			displayName: 'Create New If Duplicate Allowed',
			name: 'createNewIfDuplicateAllowed',
			type: 'boolean',
			default: false,
			description: 'Whether to create a new contact instead of updating a duplicate, when the location allows duplicates',
		});
	}
	options.sort((a, b) => a.displayName.localeCompare(b.displayName));
	return additionalFieldsCollection(options);
}

/** The request body for create/update/upsert: contact fields + custom fields in the spec's shape. */
export function contactBody(p: ItemParameters): IDataObject {
	const body = fieldsOf(p, 'additionalFields');
	if (body.tags !== undefined) body.tags = listOf(body.tags);
	const customFields = customFieldValues(p);
	if (customFields.length > 0) body.customFields = customFields;
	return body;
}
