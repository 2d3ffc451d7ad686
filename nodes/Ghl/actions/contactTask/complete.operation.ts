import type { OperationDefinition } from '../../../common/operation';
import { contactIdField } from '../common.descriptions';
import { unwrap } from '../../helpers/request';
import { taskIdField } from './fields';

export const completeContactTask: OperationDefinition = {
	resource: 'contactTask',
	operation: 'complete',
	name: 'Complete',
	action: 'Complete a contact task',
	description: 'Mark a task done (or not done)',
	method: 'PUT',
	path: '/contacts/{contactId}/tasks/{taskId}/completed',
	scopes: ['contacts.write'],
	properties: [
		contactIdField,
		taskIdField,
		{ displayName: 'Completed', name: 'completed', type: 'boolean', default: true, description: 'Whether the task is done' },
	],
	request: (p) => ({
		pathParams: { contactId: p.pathId('contactId'), taskId: p.pathId('taskId') },
		body: { completed: p.get<boolean>('completed', true) },
	}),
	output: unwrap('task'),
};
