import type { IDataObject } from 'n8n-workflow';

import type { OperationDefinition } from '../../../common/operation';
import { additionalFieldsCollection, jsonField, locationIdField, recordLocator, userField } from '../common.descriptions';
import { compact, locationOf, parseJsonValue } from '../../helpers/request';

export const sendDocument: OperationDefinition = {
	resource: 'document',
	operation: 'send',
	name: 'Send',
	action: 'Send a document',
	description: 'Send a document or contract to its recipients',
	method: 'POST',
	path: '/proposals/document/send',
	scopes: [],
	properties: [
		locationIdField,
		recordLocator({ displayName: 'Document ID', name: 'documentId', searchListMethod: 'searchDocuments', description: 'The document or contract' }),
		userField('Sent By (User) Name or ID', 'sentBy', true),
		{
			displayName: 'Medium',
			name: 'medium',
			type: 'options',
			options: [
				{ name: 'Email', value: 'email' },
				{ name: 'Link', value: 'link' },
			],
			default: 'email',
		},
		additionalFieldsCollection([
			jsonField('CC Recipients (JSON)', 'ccRecipients', 'E.g. [{"id":"contactId","email":"jim@example.com","contactName":"Jim"}]'),
			{ displayName: 'Document Name', name: 'documentName', type: 'string', default: '' },
			jsonField('Notification Settings (JSON)', 'notificationSettings', 'E.g. {"sender":{"fromName":"Acme","fromEmail":"docs@acme.com"},"receive":{"subject":"Your contract"}}'),
		]),
	],
	request: (p) => {
		const extra = p.collection('additionalFields');
		return {
			body: compact({
				locationId: locationOf(p),
				documentId: p.required('documentId'),
				sentBy: p.required('sentBy'),
				medium: p.optional('medium'),
				documentName: extra.documentName,
				ccRecipients: parseJsonValue(p, extra.ccRecipients, 'CC Recipients') as IDataObject[] | undefined,
				notificationSettings: parseJsonValue(p, extra.notificationSettings, 'Notification Settings') as IDataObject | undefined,
			}),
		};
	},
};
