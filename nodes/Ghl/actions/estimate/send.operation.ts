import type { OperationDefinition } from '../../../common/operation';
import { idField, jsonField, locationIdField, userField } from '../common.descriptions';
import { altOf, fieldsOf } from '../../helpers/request';

export const sendEstimate: OperationDefinition = {
	resource: 'estimate',
	operation: 'send',
	name: 'Send',
	action: 'Send an estimate',
	description: 'Send an estimate to its contact',
	method: 'POST',
	path: '/invoices/estimate/{estimateId}/send',
	scopes: [],
	properties: [
		idField('Estimate ID', 'estimateId'),
		locationIdField,
		userField('Sent By (User) Name or ID', 'userId', true),
		{
			displayName: 'Send By',
			name: 'action',
			type: 'options',
			options: [
				{ name: 'Email', value: 'email' },
				{ name: 'SMS', value: 'sms' },
				{ name: 'SMS and Email', value: 'sms_and_email' },
				{ name: 'Manually (Mark as Sent)', value: 'send_manually' },
			],
			default: 'email',
		},
		{ displayName: 'Live Mode', name: 'liveMode', type: 'boolean', default: true, description: 'Whether this is a live (not test-mode) estimate' },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Estimate Name', name: 'estimateName', type: 'string', default: '' },
				jsonField('Sent From (JSON)', 'sentFrom', 'E.g. {"fromName":"Acme","fromEmail":"sales@acme.com"}'),
			],
		},
	],
	request: (p) => ({
		pathParams: { estimateId: p.required('estimateId') },
		body: {
			...altOf(p),
			userId: p.required('userId'),
			action: p.required('action'),
			liveMode: p.get<boolean>('liveMode', true),
			...fieldsOf(p, 'additionalFields', { json: ['sentFrom'] }),
		},
	}),
};
