import { jsonField } from '../common.descriptions';
import { billingSendOperation } from '../shared.operations';
import { invoiceIdField } from './billing.fields';

export const sendInvoice = billingSendOperation({
	resource: 'invoice',
	action: 'Send an invoice',
	description: 'Send an invoice to its contact by email and/or SMS',
	path: '/invoices/{invoiceId}/send',
	scopes: ['invoices.write'],
	idField: invoiceIdField,
	additionalFields: [
		jsonField('Auto Payment (JSON)', 'autoPayment', 'E.g. {"enable":true,"type":"card","paymentMethodId":"pm_1"}'),
		jsonField('Sent From (JSON)', 'sentFrom', 'E.g. {"fromName":"Acme","fromEmail":"billing@acme.com"}'),
	],
	jsonFields: ['autoPayment', 'sentFrom'],
});
