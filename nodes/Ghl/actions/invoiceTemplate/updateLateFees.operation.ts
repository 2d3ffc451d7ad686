import type { OperationDefinition } from '../../../common/operation';
import { idField, jsonField, locationIdField } from '../common.descriptions';
import { altOf, jsonObject } from '../../helpers/request';

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
		idField('Template ID', 'templateId'),
		locationIdField,
		jsonField('Late Fees Configuration (JSON)', 'lateFeesConfiguration', 'E.g. {"enable":true,"value":5,"type":"percentage","frequency":{"intervalCount":1,"interval":"month"}}', true, '{}'),
	],
	request: (p) => ({
		pathParams: { templateId: p.pathId('templateId') },
		body: { ...altOf(p), lateFeesConfiguration: jsonObject(p, 'lateFeesConfiguration') },
	}),
};
