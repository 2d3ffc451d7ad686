import type { OperationDefinition } from '../../../common/operation';
import { contactIdField } from '../common.descriptions';
import { done } from '../../helpers/request';

export const deleteContact: OperationDefinition = {
	resource: 'contact',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete a contact',
	description: 'Delete a contact',
	method: 'DELETE',
	path: '/contacts/{contactId}',
	scopes: ['contacts.write'],
	properties: [contactIdField],
	request: (p) => ({ pathParams: { contactId: p.pathId('contactId') } }),
	output: done((p) => ({ id: p.required('contactId') })),
};
