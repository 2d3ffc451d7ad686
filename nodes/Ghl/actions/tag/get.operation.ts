import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { locationPathId, unwrap } from '../../helpers/request';
import { tagIdField } from './fields';

export const getTag: OperationDefinition = {
	resource: 'tag',
	operation: 'get',
	name: 'Get',
	action: 'Get a tag',
	description: 'Get a tag by ID',
	method: 'GET',
	path: '/locations/{locationId}/tags/{tagId}',
	scopes: ['locations/tags.readonly'],
	properties: [locationIdField, tagIdField],
	request: (p) => ({ pathParams: { locationId: locationPathId(p), tagId: p.pathId('tagId') } }),
	output: unwrap('tag'),
};
