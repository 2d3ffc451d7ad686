import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { compact, locationOf, unwrap } from '../../helpers/request';
import { opportunityOptions, pipelineField, stageField, statusOptions } from './fields';

export const upsertOpportunity: OperationDefinition = {
	resource: 'opportunity',
	operation: 'upsert',
	name: 'Create or Update',
	action: 'Create or update an opportunity',
	description: 'Create an opportunity, or update it when an ID is given',
	method: 'POST',
	path: '/opportunities/upsert',
	scopes: ['opportunities.write'],
	// Sending it twice does no harm, so it is retried like a GET.
	idempotent: true,
	properties: [
		locationIdField,
		pipelineField,
		{
			displayName: 'Opportunity ID',
			name: 'opportunityId',
			type: 'string',
			default: '',
			description: 'The opportunity to update; leave empty to create one (HighLevel’s spec has no contact field here)',
		},
		{ displayName: 'Name', name: 'name', type: 'string', default: '' },
		stageField,
		{ displayName: 'Status', name: 'status', type: 'options', options: statusOptions, default: 'open' },
		opportunityOptions(false),
	],
	request: (p) => ({
		body: {
			...compact({
			locationId: locationOf(p),
			pipelineId: p.required('pipelineId'),
			id: p.optional('opportunityId'),
			name: p.optional('name'),
			pipelineStageId: p.optional('pipelineStageId'),
			status: p.optional('status'),
				...compact(p.collection('additionalFields')),
			}),
			// The spec marks the follower fields required; an empty list with "add" leaves followers alone.
			followers: [],
			followersActionType: 'add',
			isRemoveAllFollowers: false,
		},
	}),
	output: unwrap('opportunity'),
};
