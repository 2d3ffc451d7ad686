import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { altOf, done } from '../../helpers/request';
import { estimateIdField } from '../invoice/billing.fields';

export const deleteEstimate: OperationDefinition = {
	resource: 'estimate',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete an estimate',
	description: 'Delete an estimate',
	method: 'DELETE',
	path: '/invoices/estimate/{estimateId}',
	scopes: [],
	properties: [estimateIdField, locationIdField],
	request: (p) => ({ pathParams: { estimateId: p.pathId('estimateId') }, body: altOf(p) }),
	output: done((p) => ({ id: p.required('estimateId') })),
};
