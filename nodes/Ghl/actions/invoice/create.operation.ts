import type { OperationDefinition } from '../../../common/operation';
import { unwrap } from '../../helpers/request';
import { billingBody, billingProperties, type BillingShape } from './billing.fields';

const shape: BillingShape = {
	contact: true,
	sentTo: true,
	issueDate: true,
	dueDate: 'optional',
	liveMode: true,
	itemsKey: 'items',
	businessDetails: true,
	discount: true,
	extras: ['title', 'termsNotes', 'invoiceNumber', 'invoiceNumberPrefix', 'automaticTaxesEnabled'],
};

export const createInvoice: OperationDefinition = {
	resource: 'invoice',
	operation: 'create',
	name: 'Create',
	action: 'Create an invoice',
	description: 'Create a draft invoice',
	method: 'POST',
	path: '/invoices/',
	scopes: ['invoices.write'],
	properties: billingProperties(shape),
	request: (p) => ({ body: billingBody(p, shape) }),
	output: unwrap('invoice'),
};
