import type { OperationDefinition } from '../../../common/operation';
import { contactIdField } from '../common.descriptions';
import { unwrap } from '../../helpers/request';
import { taskBody, taskIdField, taskOptions } from './fields';

export const updateContactTask: OperationDefinition = {
	resource: 'contactTask',
	operation: 'update',
	name: 'Update',
	action: 'Update a contact task',
	description: 'Change a task of a contact',
	method: 'PUT',
	path: '/contacts/{contactId}/tasks/{taskId}',
	scopes: ['contacts.write'],
	properties: [contactIdField, taskIdField, taskOptions(true)],
	request: (p) => ({
		pathParams: { contactId: p.pathId('contactId'), taskId: p.pathId('taskId') },
		body: taskBody(p),
	}),
	output: unwrap('task'),
};
