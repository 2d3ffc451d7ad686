import type { OperationDefinition } from '../../../common/operation';
import { contactIdField } from '../common.descriptions';
import { done } from '../../helpers/request';
import { taskIdField } from './fields';

export const deleteContactTask: OperationDefinition = {
	resource: 'contactTask',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete a contact task',
	description: 'Delete a task of a contact',
	method: 'DELETE',
	path: '/contacts/{contactId}/tasks/{taskId}',
	scopes: ['contacts.write'],
	properties: [contactIdField, taskIdField],
	request: (p) => ({ pathParams: { contactId: p.pathId('contactId'), taskId: p.pathId('taskId') } }),
	output: done((p) => ({ id: p.required('taskId') })),
};
