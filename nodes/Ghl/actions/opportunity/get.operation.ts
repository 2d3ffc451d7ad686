import type { OperationDefinition } from '../../../common/operation';
import { unwrap } from '../../helpers/request';
import { opportunityIdField } from './fields';

export const getOpportunity: OperationDefinition = {
	resource: 'opportunity',
	operation: 'get',
	name: 'Get',
	action: 'Get an opportunity',
	description: 'Get an opportunity by ID',
	method: 'GET',
	path: '/opportunities/{id}',
	scopes: ['opportunities.readonly'],
	properties: [opportunityIdField],
	request: (p) => ({ pathParams: { id: p.pathId('opportunityId') } }),
	output: unwrap('opportunity'),
};
