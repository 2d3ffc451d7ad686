import type { OperationDefinition } from '../../../common/operation';
import { idField, locationIdField } from '../common.descriptions';
import { altOf } from '../../helpers/request';

export const getInvoiceTemplate: OperationDefinition = {
	resource: 'invoiceTemplate',
	operation: 'get',
	name: 'Get',
	action: 'Get an invoice template',
	description: 'Get an invoice template by ID',
	method: 'GET',
	path: '/invoices/template/{templateId}',
	scopes: ['invoices/template.readonly'],
	properties: [idField('Template ID', 'templateId'), locationIdField],
	request: (p) => ({ pathParams: { templateId: p.pathId('templateId') }, qs: altOf(p) }),
};
