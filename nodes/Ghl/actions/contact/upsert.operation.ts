import { NodeOperationError } from 'n8n-workflow';

import type { OperationDefinition } from '../../../common/operation';
import { customFieldsUiField, locationIdField } from '../common.descriptions';
import { locationOf } from '../../helpers/request';
import { contactBody, contactFields } from './fields';

/** HighLevel matches on email or phone (per the location's duplicate settings); one of them is enough. */
export const upsertContact: OperationDefinition = {
	resource: 'contact',
	operation: 'upsert',
	name: 'Create or Update',
	action: 'Create or update a contact',
	description: 'Create a contact, or update the one that matches by email or phone',
	method: 'POST',
	path: '/contacts/upsert',
	scopes: ['contacts.write'],
	// Sending it twice does no harm, so it is retried like a GET.
	idempotent: true,
	properties: [
		locationIdField,
		{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
		{ displayName: 'Phone', name: 'phone', type: 'string', default: '', description: 'E.g. +1 555 010 2000.' },
		contactFields('upsert'),
		customFieldsUiField('contact'),
	],
	request: (p) => {
		const email = p.optional('email');
		const phone = p.optional('phone');
		const body = { ...contactBody(p) };
		if (email) body.email = email;
		if (phone) body.phone = phone;
		if (!body.email && !body.phone) {
			throw new NodeOperationError(p.ctx.getNode(), 'Set an email or a phone number to match the contact by', {
				itemIndex: p.itemIndex,
			});
		}
		return { body: { locationId: locationOf(p), ...body } };
	},
	output: (body) => {
		const b = (body ?? {}) as { contact?: object; new?: boolean; traceId?: string };
		return { ...(b.contact ?? {}), new: b.new ?? false } as never;
	},
};
