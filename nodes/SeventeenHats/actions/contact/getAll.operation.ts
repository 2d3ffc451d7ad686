import { returnAllFields } from '../../../common/describe';
import type { OperationDefinition } from '../../../common/operation';
import { listQuery } from '../../helpers/body';
import { CONTACT_TYPES, HATS_PAGINATION, listFilters, statusField } from '../common.descriptions';
import { emailField } from './contact.fields';

export const getManyContacts: OperationDefinition = {
	resource: 'contact',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many contacts',
	description: 'List 17hats contacts, optionally filtered',
	method: 'GET',
	path: '/contacts',
	scopes: ['contacts:read'],
	properties: [
		...returnAllFields(),
		listFilters([
			{ ...emailField, description: 'Exact match, case-insensitive' },
			{ ...statusField(CONTACT_TYPES), displayName: 'Type', name: 'type', default: 'client' },
		]),
	],
	request: (p) => ({ qs: listQuery(p.collection('filters')) }),
	pagination: HATS_PAGINATION,
};
