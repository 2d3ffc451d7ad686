import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { locationPathId, unwrap } from '../../helpers/request';
import { tagIdField, nameField } from './fields';

export const updateTag: OperationDefinition = {
	resource: 'tag',
	operation: 'update',
	name: 'Update',
	action: 'Update a tag',
	description: 'Rename a tag',
	method: 'PUT',
	path: '/locations/{locationId}/tags/{tagId}',
	scopes: ['locations/tags.write'],
	properties: [locationIdField, tagIdField, nameField],
	request: (p) => ({
		pathParams: { locationId: locationPathId(p), tagId: p.pathId('tagId') },
		body: { name: p.required('name') },
	}),
	output: unwrap('tag'),
};
