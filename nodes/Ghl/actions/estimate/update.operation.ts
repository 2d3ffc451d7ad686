import type { OperationDefinition } from '../../../common/operation';
import { idField } from '../common.descriptions';
import { billingBody, billingProperties } from '../invoice/billing.fields';
import { estimateShape } from './create.operation';

export const updateEstimate: OperationDefinition = {
	resource: 'estimate',
	operation: 'update',
	name: 'Update',
	action: 'Update an estimate',
	description: 'Replace an estimate’s details and line items',
	method: 'PUT',
	path: '/invoices/estimate/{estimateId}',
	scopes: [],
	properties: [idField('Estimate ID', 'estimateId'), ...billingProperties(estimateShape)],
	request: (p) => ({ pathParams: { estimateId: p.pathId('estimateId') }, body: billingBody(p, estimateShape) }),
};
