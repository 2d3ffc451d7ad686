import type { OperationDefinition } from '../../../common/operation';
import { idField, locationIdField } from '../common.descriptions';
import { altOf, done } from '../../helpers/request';

export const deleteInvoiceTemplate: OperationDefinition = {
	resource: 'invoiceTemplate',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete an invoice template',
	description: 'Delete an invoice template',
	method: 'DELETE',
	path: '/invoices/template/{templateId}',
	scopes: ['invoices/template.write'],
	properties: [idField('Template ID', 'templateId'), locationIdField],
	request: (p) => ({ pathParams: { templateId: p.pathId('templateId') }, qs: altOf(p) }),
	output: done((p) => ({ id: p.required('templateId') })),
};
