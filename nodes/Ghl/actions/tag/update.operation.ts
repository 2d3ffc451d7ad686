import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { locationOf, unwrap } from '../../helpers/request';
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
		pathParams: { locationId: locationOf(p), tagId: p.required('tagId') },
		body: { name: p.required('name') },
	}),
	output: unwrap('tag'),
};
