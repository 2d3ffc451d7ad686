import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { altOf } from '../../helpers/request';

export const generateEstimateNumber: OperationDefinition = {
	resource: 'estimate',
	operation: 'generateNumber',
	name: 'Generate Number',
	action: 'Generate an estimate number',
	description: 'Get the next free estimate number',
	method: 'GET',
	path: '/invoices/estimate/number/generate',
	scopes: [],
	properties: [locationIdField],
	request: (p) => ({ qs: altOf(p) }),
};
