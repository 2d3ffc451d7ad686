import type { OperationDefinition } from '../../../common/operation';

import { billingBody, billingProperties, invoiceTemplateIdField, type BillingShape } from '../invoice/billing.fields';

const shape: BillingShape = { itemsKey: 'items', businessDetails: true, extras: ['title', 'termsNotes', 'internal'] };

export const updateInvoiceTemplate: OperationDefinition = {
	resource: 'invoiceTemplate',
	operation: 'update',
	name: 'Update',
	action: 'Update an invoice template',
	description: 'Replace an invoice template’s details and line items',
	method: 'PUT',
	path: '/invoices/template/{templateId}',
	scopes: ['invoices/template.write'],
	properties: [invoiceTemplateIdField, ...billingProperties(shape)],
	request: (p) => ({ pathParams: { templateId: p.pathId('templateId') }, body: billingBody(p, shape) }),
};
