import type { OperationDefinition } from '../../../common/operation';
import { done } from '../../helpers/request';
import { opportunityIdField, statusOptions } from './fields';

export const updateOpportunityStatus: OperationDefinition = {
	resource: 'opportunity',
	operation: 'updateStatus',
	name: 'Update Status',
	action: 'Update an opportunity’s status',
	description: 'Mark an opportunity open, won, lost or abandoned',
	method: 'PUT',
	path: '/opportunities/{id}/status',
	scopes: ['opportunities.write'],
	properties: [
		opportunityIdField,
		{ displayName: 'Status', name: 'status', type: 'options', options: statusOptions, default: 'won' },
		{ displayName: 'Lost Reason ID', name: 'lostReasonId', type: 'string', default: '', displayOptions: { show: { status: ['lost'] } } },
	],
	request: (p) => {
		const status = p.required('status');
		const lostReasonId = status === 'lost' ? p.optional('lostReasonId') : undefined;
		return { pathParams: { id: p.pathId('opportunityId') }, body: { status, ...(lostReasonId ? { lostReasonId } : {}) } };
	},
	output: done((p) => ({ id: p.required('opportunityId'), status: p.required('status') })),
};
