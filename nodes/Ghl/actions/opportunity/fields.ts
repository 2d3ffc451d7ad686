import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemParameters } from '../../../common/operation';
import { compact, customFieldValues } from '../../helpers/request';

export const opportunityIdField: INodeProperties = { displayName: 'Opportunity ID', name: 'opportunityId', type: 'string', required: true, default: '' };

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
		{
			displayName: 'Assigned To Name or ID',
			name: 'assignedTo',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getUsers' },
			default: '',
			description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		},
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
	return { displayName: update ? 'Update Fields' : 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options };
}

export function opportunityExtras(p: ItemParameters): IDataObject {
	const body = compact(p.collection('additionalFields'));
	const customFields = customFieldValues(p);
	if (customFields.length > 0) body.customFields = customFields;
	return body;
}
