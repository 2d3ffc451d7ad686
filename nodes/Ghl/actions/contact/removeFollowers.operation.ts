import type { OperationDefinition } from '../../../common/operation';
import { contactIdField } from '../common.descriptions';
import { requiredList } from '../../helpers/request';

export const removeContactFollowers: OperationDefinition = {
	resource: 'contact',
	operation: 'removeFollowers',
	name: 'Remove Followers',
	action: 'Remove followers from a contact',
	description: 'Remove followers from a contact (users who get notified about it)',
	method: 'DELETE',
	path: '/contacts/{contactId}/followers',
	scopes: ['contacts.write'],
	properties: [
		contactIdField,
		{
			displayName: 'Follower Names or IDs',
			name: 'followers',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getUsers' },
			required: true,
			default: [],
			description:
				'Users. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	],
	request: (p) => ({
		pathParams: { contactId: p.required('contactId') },
		body: { followers: requiredList(p, 'followers', 'Followers') },
	}),
};
