import type { OperationDefinition } from '../../../common/operation';
import { idField, jsonField, locationIdField, userField } from '../common.descriptions';
import { altOf, fieldsOf } from '../../helpers/request';

export const sendInvoice: OperationDefinition = {
	resource: 'invoice',
	operation: 'send',
	name: 'Send',
	action: 'Send an invoice',
	description: 'Send an invoice to its contact by email and/or SMS',
	method: 'POST',
	path: '/invoices/{invoiceId}/send',
	scopes: ['invoices.write'],
	properties: [
		idField('Invoice ID', 'invoiceId'),
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
		{ displayName: 'Live Mode', name: 'liveMode', type: 'boolean', default: true, description: 'Whether this is a live (not test-mode) invoice' },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				jsonField('Auto Payment (JSON)', 'autoPayment', 'E.g. {"enable":true,"type":"card","paymentMethodId":"pm_1"}'),
				jsonField('Sent From (JSON)', 'sentFrom', 'E.g. {"fromName":"Acme","fromEmail":"billing@acme.com"}'),
			],
		},
	],
	request: (p) => ({
		pathParams: { invoiceId: p.required('invoiceId') },
		body: {
			...altOf(p),
			userId: p.required('userId'),
			action: p.required('action'),
			liveMode: p.get<boolean>('liveMode', true),
			...fieldsOf(p, 'additionalFields', { json: ['autoPayment', 'sentFrom'] }),
		},
	}),
};
