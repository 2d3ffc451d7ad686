import type { OperationDefinition } from '../../../common/operation';
import { contactIdField, idField } from '../common.descriptions';
import { done } from '../../helpers/request';

export const removeContactFromWorkflow: OperationDefinition = {
	resource: 'contact',
	operation: 'removeFromWorkflow',
	name: 'Remove From Workflow',
	action: 'Remove a contact from a workflow',
	description: 'Remove a contact from a workflow',
	method: 'DELETE',
	path: '/contacts/{contactId}/workflow/{workflowId}',
	scopes: ['contacts.write'],
	properties: [
		contactIdField,
		idField('Workflow ID', 'workflowId', 'The HighLevel workflow (automation) ID'),
		{
			displayName: 'Event Start Time',
			name: 'eventStartTime',
			type: 'dateTime',
			default: '',
			description: 'When the workflow run starts (optional)',
		},
	],
	request: (p) => {
		const eventStartTime = p.optional('eventStartTime');
		return {
			pathParams: { contactId: p.required('contactId'), workflowId: p.required('workflowId') },
			body: eventStartTime ? { eventStartTime } : {},
		};
	},
	output: done((p) => ({ contactId: p.required('contactId'), workflowId: p.required('workflowId') })),
};
