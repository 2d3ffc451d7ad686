import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { altOf, done } from '../../helpers/request';
import { invoiceTemplateIdField } from '../invoice/billing.fields';

export const deleteInvoiceTemplate: OperationDefinition = {
	resource: 'invoiceTemplate',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete an invoice template',
	description: 'Delete an invoice template',
	method: 'DELETE',
	path: '/invoices/template/{templateId}',
	scopes: ['invoices/template.write'],
	properties: [invoiceTemplateIdField, locationIdField],
	request: (p) => ({ pathParams: { templateId: p.pathId('templateId') }, qs: altOf(p) }),
	output: done((p) => ({ id: p.required('templateId') })),
};
