import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { altOf } from '../../helpers/request';

export const getInvoiceSettings: OperationDefinition = {
	resource: 'invoice',
	operation: 'getSettings',
	name: 'Get Settings',
	action: 'Get invoice settings',
	description: 'Get the location’s invoice settings',
	method: 'GET',
	path: '/invoices/settings',
	scopes: ['invoices.readonly'],
	properties: [locationIdField],
	request: (p) => ({ qs: altOf(p) }),
};
