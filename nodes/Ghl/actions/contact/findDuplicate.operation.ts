import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationDefinition } from '../../../common/operation';
import { locationIdField } from '../common.descriptions';
import { locationOf } from '../../helpers/request';

export const findDuplicateContact: OperationDefinition = {
	resource: 'contact',
	operation: 'findDuplicate',
	name: 'Find Duplicate',
	action: 'Find a duplicate contact',
	description: 'Find the contact that matches an email or phone, per the location’s duplicate settings',
	method: 'GET',
	path: '/contacts/search/duplicate',
	scopes: ['contacts.readonly'],
	properties: [
		locationIdField,
		{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
		{ displayName: 'Phone', name: 'number', type: 'string', default: '', description: 'Phone number, e.g. +1 555 010 2000' },
	],
	request: (p) => {
		const email = p.optional('email');
		const number = p.optional('number');
		if (!email && !number) {
			throw new NodeOperationError(p.ctx.getNode(), 'Set an email or a phone number to look for', { itemIndex: p.itemIndex });
		}
		return { qs: { locationId: locationOf(p), ...(email ? { email } : {}), ...(number ? { number } : {}) } };
	},
	output: (body) => {
		const contact = ((body ?? {}) as IDataObject).contact as IDataObject | null | undefined;
		return contact ? { found: true, ...contact } : { found: false };
	},
};
