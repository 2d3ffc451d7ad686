import type { OperationDefinition } from '../../../common/operation';
import { billingBody, billingProperties, type BillingShape } from '../invoice/billing.fields';

export const templateShape: BillingShape = {
	itemsKey: 'items',
	businessDetails: true,
	extras: ['title', 'termsNotes', 'invoiceNumberPrefix', 'automaticTaxesEnabled', 'internal'],
};

export const createInvoiceTemplate: OperationDefinition = {
	resource: 'invoiceTemplate',
	operation: 'create',
	name: 'Create',
	action: 'Create an invoice template',
	description: 'Create an invoice template',
	method: 'POST',
	path: '/invoices/template',
	scopes: ['invoices/template.write'],
	properties: billingProperties(templateShape),
	request: (p) => ({ body: billingBody(p, templateShape) }),
};
