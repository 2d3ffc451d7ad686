import type { OperationDefinition } from '../../../common/operation';
import { contactIdField } from '../common.descriptions';
import { unwrap } from '../../helpers/request';

export const getContact: OperationDefinition = {
	resource: 'contact',
	operation: 'get',
	name: 'Get',
	action: 'Get a contact',
	description: 'Get a contact by ID',
	method: 'GET',
	path: '/contacts/{contactId}',
	scopes: ['contacts.readonly'],
	properties: [contactIdField],
	request: (p) => ({ pathParams: { contactId: p.pathId('contactId') } }),
	output: unwrap('contact'),
};
