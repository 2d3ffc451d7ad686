import type { OperationDefinition } from '../../../common/operation';
import { contactIdField } from '../common.descriptions';
import { requiredList } from '../../helpers/request';

export const removeContactTags: OperationDefinition = {
	resource: 'contact',
	operation: 'removeTags',
	name: 'Remove Tags',
	action: 'Remove tags from a contact',
	description: 'Remove tags from a contact',
	method: 'DELETE',
	path: '/contacts/{contactId}/tags',
	scopes: ['contacts.write'],
	properties: [
		contactIdField,
		{
			displayName: 'Tag Names or IDs',
			name: 'tagNames',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getTags' },
			required: true,
			default: [],
			description: 'Choose from the list, or specify names using an <a href="https://docs.n8n.io/code/expressions/">expression</a>. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	],
	request: (p) => ({ pathParams: { contactId: p.pathId('contactId') }, body: { tags: requiredList(p, 'tagNames', 'Tags') } }),
};
