import type { OperationDefinition } from '../../../common/operation';
import { done } from '../../helpers/request';
import { opportunityIdField } from './fields';

export const deleteOpportunity: OperationDefinition = {
	resource: 'opportunity',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete an opportunity',
	description: 'Delete an opportunity',
	method: 'DELETE',
	path: '/opportunities/{id}',
	scopes: ['opportunities.write'],
	properties: [opportunityIdField],
	request: (p) => ({ pathParams: { id: p.pathId('opportunityId') } }),
	output: done((p) => ({ id: p.required('opportunityId') })),
};
