import type { OperationDefinition } from '../../../common/operation';
import { jsonField, locationIdField } from '../common.descriptions';
import { altOf, jsonObject } from '../../helpers/request';
import { invoiceTemplateIdField } from '../invoice/billing.fields';

export const updateInvoiceTemplatePaymentMethods: OperationDefinition = {
	resource: 'invoiceTemplate',
	operation: 'updatePaymentMethods',
	name: 'Update Payment Methods',
	action: 'Update an invoice template’s payment methods',
	description: 'Set which payment methods an invoice template offers',
	method: 'PATCH',
	path: '/invoices/template/{templateId}/payment-methods-configuration',
	scopes: [],
	properties: [
		invoiceTemplateIdField,
		locationIdField,
		jsonField('Payment Methods (JSON)', 'paymentMethods', 'E.g. {"stripe":{"enableBankDebitOnly":false}}', false, '{}'),
	],
	request: (p) => ({
		pathParams: { templateId: p.pathId('templateId') },
		body: { ...altOf(p), paymentMethods: jsonObject(p, 'paymentMethods') },
	}),
};
