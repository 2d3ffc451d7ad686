import type { OperationDefinition } from '../../../common/operation';
import { contactIdField } from '../common.descriptions';
import { requiredList } from '../../helpers/request';

export const addContactTags: OperationDefinition = {
	resource: 'contact',
	operation: 'addTags',
	name: 'Add Tags',
	action: 'Add tags to a contact',
	description: 'Add tags to a contact (new tags are created)',
	method: 'POST',
	path: '/contacts/{contactId}/tags',
	scopes: ['contacts.write'],
	// Sending it twice does no harm, so it is retried like a GET.
	idempotent: true,
	properties: [
		contactIdField,
		{ displayName: 'Tags', name: 'tags', type: 'string', required: true, default: '', description: 'Comma-separated tag names' },
	],
	request: (p) => ({ pathParams: { contactId: p.pathId('contactId') }, body: { tags: requiredList(p, 'tags', 'Tags') } }),
};
