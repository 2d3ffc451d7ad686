import type { OperationDefinition } from '../../../common/operation';
import { contactIdField, idField } from '../common.descriptions';
import { done } from '../../helpers/request';

export const addContactToWorkflow: OperationDefinition = {
	resource: 'contact',
	operation: 'addToWorkflow',
	name: 'Add to Workflow',
	action: 'Add a contact to a workflow',
	description: 'Enrol a contact in a workflow',
	method: 'POST',
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
