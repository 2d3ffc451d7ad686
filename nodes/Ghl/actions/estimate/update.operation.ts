import type { OperationDefinition } from '../../../common/operation';

import { billingBody, billingProperties, estimateIdField } from '../invoice/billing.fields';
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
	properties: [estimateIdField, ...billingProperties(estimateShape)],
	request: (p) => ({ pathParams: { estimateId: p.pathId('estimateId') }, body: billingBody(p, estimateShape) }),
};
