import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { altOf } from '../../helpers/request';
import { estimateIdField } from '../invoice/billing.fields';

export const createInvoiceFromEstimate: OperationDefinition = {
	resource: 'estimate',
	operation: 'createInvoice',
	name: 'Create Invoice',
	action: 'Create an invoice from an estimate',
	description: 'Turn an estimate into an invoice',
	method: 'POST',
	path: '/invoices/estimate/{estimateId}/invoice',
	scopes: [],
	properties: [
		estimateIdField,
		locationIdField,
		{ displayName: 'Mark as Invoiced', name: 'markAsInvoiced', type: 'boolean', default: true, description: 'Whether the estimate is marked as invoiced' },
	],
	request: (p) => ({
		pathParams: { estimateId: p.pathId('estimateId') },
		body: { ...altOf(p), markAsInvoiced: p.get<boolean>('markAsInvoiced', true) },
	}),
};
