import type { OperationDefinition } from '../../../common/operation';

import { unwrap } from '../../helpers/request';
import { billingBody, billingProperties, invoiceIdField, type BillingShape } from './billing.fields';

const shape: BillingShape = {
	issueDate: true,
	dueDate: 'required',
	liveMode: true,
	itemsKey: 'invoiceItems',
	discount: false,
	extras: ['title', 'termsNotes', 'invoiceNumber', 'invoiceNumberPrefix', 'automaticTaxesEnabled', 'description'],
};

/** HighLevel replaces the invoice: name, currency, dates and line items are all sent. */
export const updateInvoice: OperationDefinition = {
	resource: 'invoice',
	operation: 'update',
	name: 'Update',
	action: 'Update an invoice',
	description: 'Replace a draft invoice’s details and line items',
	method: 'PUT',
	path: '/invoices/{invoiceId}',
	scopes: ['invoices.write'],
	properties: [invoiceIdField, ...billingProperties(shape)],
	request: (p) => ({ pathParams: { invoiceId: p.pathId('invoiceId') }, body: billingBody(p, shape) }),
	output: unwrap('invoice'),
};
