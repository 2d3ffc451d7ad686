import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { altOf } from '../../helpers/request';
import { invoiceTemplateIdField } from '../invoice/billing.fields';

export const getInvoiceTemplate: OperationDefinition = {
	resource: 'invoiceTemplate',
	operation: 'get',
	name: 'Get',
	action: 'Get an invoice template',
	description: 'Get an invoice template by ID',
	method: 'GET',
	path: '/invoices/template/{templateId}',
	scopes: ['invoices/template.readonly'],
	properties: [invoiceTemplateIdField, locationIdField],
	request: (p) => ({ pathParams: { templateId: p.pathId('templateId') }, qs: altOf(p) }),
};
