import type { OperationDefinition } from '../../../common/operation';
import { CONTACT, locator } from '../common.descriptions';

export const deleteContact: OperationDefinition = {
	resource: 'contact',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete a contact',
	description: 'Delete a 17hats contact',
	method: 'DELETE',
	path: '/contacts/{id}',
	scopes: ['contacts:write'],
	properties: [locator(CONTACT)],
	request: (p) => ({ pathParams: { id: p.pathId('contactId') } }),
	output: (_body, p) => ({ deleted: true, contact_id: p.required('contactId') }),
};
