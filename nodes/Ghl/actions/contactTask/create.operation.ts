import type { OperationDefinition } from '../../../common/operation';
import { contactIdField } from '../common.descriptions';
import { unwrap } from '../../helpers/request';
import { taskBody, taskOptions } from './fields';

export const createContactTask: OperationDefinition = {
	resource: 'contactTask',
	operation: 'create',
	name: 'Create',
	action: 'Create a contact task',
	description: 'Add a task to a contact',
	method: 'POST',
	path: '/contacts/{contactId}/tasks',
	scopes: ['contacts.write'],
	properties: [
		contactIdField,
		{ displayName: 'Title', name: 'title', type: 'string', required: true, default: '' },
		{ displayName: 'Due Date', name: 'dueDate', type: 'dateTime', required: true, default: '' },
		{ displayName: 'Completed', name: 'completed', type: 'boolean', default: false, description: 'Whether the task is already done' },
		taskOptions(false),
	],
	request: (p) => ({
		pathParams: { contactId: p.pathId('contactId') },
		body: {
			title: p.required('title'),
			dueDate: p.required('dueDate'),
			completed: p.get<boolean>('completed', false),
			...taskBody(p),
		},
	}),
	output: unwrap('task'),
};
