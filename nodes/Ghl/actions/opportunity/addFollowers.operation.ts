import type { OperationDefinition } from '../../../common/operation';
import { requiredList } from '../../helpers/request';
import { opportunityIdField } from './fields';

export const addOpportunityFollowers: OperationDefinition = {
	resource: 'opportunity',
	operation: 'addFollowers',
	name: 'Add Followers',
	action: 'Add followers to an opportunity',
	description: 'Add followers to an opportunity (users who get notified about it)',
	method: 'POST',
	path: '/opportunities/{id}/followers',
	scopes: ['opportunities.write'],
	properties: [
		opportunityIdField,
		{
			displayName: 'Follower Names or IDs',
			name: 'followers',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getUsers' },
			required: true,
			default: [],
			description:
				'Users. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	],
	request: (p) => ({ pathParams: { id: p.required('opportunityId') }, body: { followers: requiredList(p, 'followers', 'Followers') } }),
};
