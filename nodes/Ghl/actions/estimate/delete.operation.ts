import type { OperationDefinition } from '../../../common/operation';
import { idField, locationIdField } from '../common.descriptions';
import { altOf, done } from '../../helpers/request';

export const deleteEstimate: OperationDefinition = {
	resource: 'estimate',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete an estimate',
	description: 'Delete an estimate',
	method: 'DELETE',
	path: '/invoices/estimate/{estimateId}',
	scopes: [],
	properties: [idField('Estimate ID', 'estimateId'), locationIdField],
	request: (p) => ({ pathParams: { estimateId: p.pathId('estimateId') }, body: altOf(p) }),
	output: done((p) => ({ id: p.required('estimateId') })),
};
