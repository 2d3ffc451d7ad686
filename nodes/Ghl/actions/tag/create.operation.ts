import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { locationPathId, unwrap } from '../../helpers/request';
import { nameField } from './fields';

export const createTag: OperationDefinition = {
	resource: 'tag',
	operation: 'create',
	name: 'Create',
	action: 'Create a tag',
	description: 'Create a tag',
	method: 'POST',
	path: '/locations/{locationId}/tags',
	scopes: ['locations/tags.write'],
	properties: [locationIdField, nameField],
	request: (p) => ({ pathParams: { locationId: locationPathId(p) }, body: { name: p.required('name') } }),
	output: unwrap('tag'),
};
