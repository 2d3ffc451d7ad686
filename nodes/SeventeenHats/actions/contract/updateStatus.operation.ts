import type { OperationDefinition } from '../../../common/operation';
import { buildBody } from '../../helpers/body';
import { STATUS_MAP } from '../../helpers/maps';
import { CONTRACT, CONTRACT_STATUSES, lastSyncedAtField, locator, statusField } from '../common.descriptions';

export const updateContractStatus: OperationDefinition = {
	resource: 'contract',
	operation: 'updateStatus',
	name: 'Update Status',
	action: 'Update the status of a contract',
	description: "Change a contract's status, with an optional reason",
	method: 'POST',
	path: '/contracts/{id}/status',
	scopes: ['contracts:write'],
	properties: [
		locator(CONTRACT),
		statusField(CONTRACT_STATUSES, true),
		{ displayName: 'Reason', name: 'reason', type: 'string', default: '' },
		lastSyncedAtField,
	],
	request: (p) => ({
		pathParams: { id: p.pathId('contractId') },
		body: buildBody({ status: p.required('status'), reason: p.optional('reason'), lastSyncedAt: p.optional('lastSyncedAt') }, STATUS_MAP),
	}),
};
