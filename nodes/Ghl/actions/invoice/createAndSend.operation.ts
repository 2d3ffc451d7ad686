import type { OperationDefinition } from '../../../common/operation';
import { userField } from '../common.descriptions';
import { unwrap } from '../../helpers/request';
import { billingBody, billingProperties, newInvoiceShape } from './billing.fields';

/** HighLevel's "text2pay": creates the invoice and sends it (or keeps it as a draft) in one call. */
export const createAndSendInvoice: OperationDefinition = {
	resource: 'invoice',
	operation: 'createAndSend',
	name: 'Create and Send',
	action: 'Create and send an invoice',
	description: 'Create an invoice and send it by text/email with a payment link (text2pay)',
	method: 'POST',
	path: '/invoices/text2pay',
	scopes: ['invoices.write'],
	properties: [
		...billingProperties(newInvoiceShape),
		userField('Sent By (User) Name or ID', 'userId', true),
		{
			displayName: 'Send Now',
			name: 'sendNow',
			type: 'boolean',
			default: true,
			description: 'Whether to send the invoice now (otherwise it is saved as a draft)',
		},
	],
	request: (p) => ({
		body: {
			...billingBody(p, newInvoiceShape),
			userId: p.required('userId'),
			action: p.get<boolean>('sendNow', true) ? 'send' : 'draft',
		},
	}),
	output: unwrap('invoice'),
};
