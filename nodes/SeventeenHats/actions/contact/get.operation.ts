import type { OperationDefinition } from '../../../common/operation';
import { CONTACT, locator } from '../common.descriptions';

export const getContact: OperationDefinition = {
	resource: 'contact',
	operation: 'get',
	name: 'Get',
	action: 'Get a contact',
	description: 'Get a 17hats contact by ID',
	method: 'GET',
	path: '/contacts/{id}',
	scopes: ['contacts:read'],
	properties: [locator(CONTACT)],
	request: (p) => ({ pathParams: { id: p.pathId('contactId') } }),
};
