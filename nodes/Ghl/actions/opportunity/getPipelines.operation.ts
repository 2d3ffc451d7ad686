import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { itemsOf, locationOf } from '../../helpers/request';

export const getPipelines: OperationDefinition = {
	resource: 'opportunity',
	operation: 'getPipelines',
	name: 'Get Pipelines',
	action: 'Get pipelines',
	description: 'List the location’s pipelines and their stages',
	method: 'GET',
	path: '/opportunities/pipelines',
	scopes: ['opportunities.readonly'],
	properties: [locationIdField],
	request: (p) => ({ qs: { locationId: locationOf(p) } }),
	output: itemsOf('pipelines'),
};
