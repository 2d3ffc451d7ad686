import type { OperationDefinition } from '../../../common/operation';
import { contactIdField } from '../common.descriptions';
import { unwrap } from '../../helpers/request';
import { taskIdField } from './fields';

export const getContactTask: OperationDefinition = {
	resource: 'contactTask',
	operation: 'get',
	name: 'Get',
	action: 'Get a contact task',
	description: 'Get one task of a contact',
	method: 'GET',
	path: '/contacts/{contactId}/tasks/{taskId}',
	scopes: ['contacts.readonly'],
	properties: [contactIdField, taskIdField],
	request: (p) => ({ pathParams: { contactId: p.pathId('contactId'), taskId: p.pathId('taskId') } }),
	output: unwrap('task'),
};
