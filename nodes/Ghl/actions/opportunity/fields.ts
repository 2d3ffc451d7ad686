import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemParameters } from '../../../common/operation';
import { compact, customFieldValues } from '../../helpers/request';
import { additionalFieldsCollection, recordLocator, userField } from '../common.descriptions';
import type { FollowersTarget } from '../shared.operations';

export const opportunityIdField: INodeProperties = recordLocator({ displayName: 'Opportunity ID', name: 'opportunityId', searchListMethod: 'searchOpportunities', description: 'The HighLevel opportunity' });

/** Add/Remove Followers on an opportunity. */
export const opportunityFollowers: FollowersTarget = {
	resource: 'opportunity',
	noun: 'an opportunity',
	path: '/opportunities/{id}/followers',
	scopes: ['opportunities.write'],
	idField: opportunityIdField,
	pathParams: (p) => ({ id: p.pathId('opportunityId') }),
};

export const statusOptions = [
	{ name: 'Abandoned', value: 'abandoned' },
	{ name: 'Lost', value: 'lost' },
	{ name: 'Open', value: 'open' },
	{ name: 'Won', value: 'won' },
];

export const pipelineField: INodeProperties = {
	displayName: 'Pipeline Name or ID',
	name: 'pipelineId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getPipelines' },
	required: true,
	default: '',
	description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

export const stageField: INodeProperties = {
	displayName: 'Stage Name or ID',
	name: 'pipelineStageId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getPipelineStages', loadOptionsDependsOn: ['pipelineId'] },
	default: '',
	description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

export function opportunityOptions(update: boolean): INodeProperties {
	const options: INodeProperties[] = [
		userField('Assigned To Name or ID', 'assignedTo'),
		{ displayName: 'Monetary Value', name: 'monetaryValue', type: 'number', default: 0 },
	];
	if (update) {
		options.push(
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'Pipeline ID', name: 'pipelineId', type: 'string', default: '' },
			{ displayName: 'Stage ID', name: 'pipelineStageId', type: 'string', default: '' },
			{ displayName: 'Status', name: 'status', type: 'options', options: statusOptions, default: 'open' },
		);
	}
	options.sort((a, b) => a.displayName.localeCompare(b.displayName));
	return additionalFieldsCollection(options, update ? 'Update Fields' : 'Additional Fields');
}

export function opportunityExtras(p: ItemParameters): IDataObject {
	const body = compact(p.collection('additionalFields'));
	const customFields = customFieldValues(p);
	if (customFields.length > 0) body.customFields = customFields;
	return body;
}
