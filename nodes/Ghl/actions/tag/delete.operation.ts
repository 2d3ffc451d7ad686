import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { done, locationPathId } from '../../helpers/request';
import { tagIdField } from './fields';

export const deleteTag: OperationDefinition = {
	resource: 'tag',
	operation: 'delete',
	name: 'Delete',
	action: 'Delete a tag',
	description: 'Delete a tag',
	method: 'DELETE',
	path: '/locations/{locationId}/tags/{tagId}',
	scopes: ['locations/tags.write'],
	properties: [locationIdField, tagIdField],
	request: (p) => ({ pathParams: { locationId: locationPathId(p), tagId: p.pathId('tagId') } }),
	output: done((p) => ({ tagId: p.required('tagId') })),
};
