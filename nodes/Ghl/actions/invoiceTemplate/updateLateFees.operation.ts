import type { OperationDefinition } from '../../../common/operation';
import { jsonField, locationIdField } from '../common.descriptions';
import { altOf, jsonObject } from '../../helpers/request';
import { invoiceTemplateIdField } from '../invoice/billing.fields';

export const updateInvoiceTemplateLateFees: OperationDefinition = {
	resource: 'invoiceTemplate',
	operation: 'updateLateFees',
	name: 'Update Late Fees',
	action: 'Update an invoice template’s late fees',
	description: 'Set the late fee configuration of an invoice template',
	method: 'PATCH',
	path: '/invoices/template/{templateId}/late-fees-configuration',
	scopes: [],
	properties: [
		invoiceTemplateIdField,
		locationIdField,
		jsonField('Late Fees Configuration (JSON)', 'lateFeesConfiguration', 'E.g. {"enable":true,"value":5,"type":"percentage","frequency":{"intervalCount":1,"interval":"month"}}', true, '{}'),
	],
	request: (p) => ({
		pathParams: { templateId: p.pathId('templateId') },
		body: { ...altOf(p), lateFeesConfiguration: jsonObject(p, 'lateFeesConfiguration') },
	}),
};
