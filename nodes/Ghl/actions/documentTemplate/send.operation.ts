import type { OperationDefinition } from '../../../common/operation';
import { contactIdField, locationIdField, userField } from '../common.descriptions';
import { locationOf } from '../../helpers/request';

export const sendDocumentTemplate: OperationDefinition = {
	resource: 'documentTemplate',
	operation: 'send',
	name: 'Send to Contact',
	action: 'Send a document template to a contact',
	description: 'Create a document from a template for a contact and send it',
	method: 'POST',
	path: '/proposals/templates/send',
	scopes: [],
	properties: [
		locationIdField,
		{
			displayName: 'Template Name or ID',
			name: 'templateId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getDocumentTemplates' },
			required: true,
			default: '',
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		},
		contactIdField,
		userField('Sent By (User) Name or ID', 'userId', true),
		{ displayName: 'Send Document', name: 'sendDocument', type: 'boolean', default: true, description: 'Whether to send the document now (otherwise it is only created)' },
		{ displayName: 'Opportunity ID', name: 'opportunityId', type: 'string', default: '' },
	],
	request: (p) => {
		const opportunityId = p.optional('opportunityId');
		return {
			body: {
				locationId: locationOf(p),
				templateId: p.required('templateId'),
				contactId: p.required('contactId'),
				userId: p.required('userId'),
				sendDocument: p.get<boolean>('sendDocument', true),
				...(opportunityId ? { opportunityId } : {}),
			},
		};
	},
};
