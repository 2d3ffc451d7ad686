import type { OperationDefinition } from '../../../common/operation';

export const getContact: OperationDefinition = {
	resource: 'contact',
	operation: 'get',
	name: 'Get',
	action: 'Get a contact',
	description: 'Get a 17hats contact by ID',
	method: 'GET',
	path: '/contacts/{contactId}',
	scopes: ['contacts:read'],
	properties: [
		{
			displayName: 'Contact ID',
			name: 'contactId',
			type: 'string',
			required: true,
			default: '',
		},
	],
	request: (p) => ({ pathParams: { contactId: p.required('contactId') } }),
};
