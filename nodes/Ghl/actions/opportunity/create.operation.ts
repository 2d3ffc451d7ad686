import type { OperationDefinition } from '../../../common/operation';
import { contactIdField, customFieldsUiField, locationIdField } from '../common.descriptions';
import { locationOf, unwrap } from '../../helpers/request';
import { opportunityExtras, opportunityOptions, pipelineField, stageField, statusOptions } from './fields';

export const createOpportunity: OperationDefinition = {
	resource: 'opportunity',
	operation: 'create',
	name: 'Create',
	action: 'Create an opportunity',
	description: 'Create an opportunity in a pipeline',
	method: 'POST',
	path: '/opportunities/',
	scopes: ['opportunities.write'],
	properties: [
		locationIdField,
		{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '' },
		contactIdField,
		pipelineField,
		stageField,
		{ displayName: 'Status', name: 'status', type: 'options', options: statusOptions, default: 'open' },
		opportunityOptions(false),
		customFieldsUiField('opportunity'),
	],
	request: (p) => {
		const stage = p.optional('pipelineStageId');
		return {
			body: {
				locationId: locationOf(p),
				name: p.required('name'),
				contactId: p.required('contactId'),
				pipelineId: p.required('pipelineId'),
				...(stage ? { pipelineStageId: stage } : {}),
				status: p.required('status'),
				...opportunityExtras(p),
			},
		};
	},
	output: unwrap('opportunity'),
};
