import type { OperationDefinition } from '../../../common/operation';
import { contactIdField } from '../common.descriptions';
import { itemsOf } from '../../helpers/request';

export const getContactAppointments: OperationDefinition = {
	resource: 'contact',
	operation: 'getAppointments',
	name: 'Get Appointments',
	action: 'Get a contact’s appointments',
	description: 'List the calendar appointments of a contact',
	method: 'GET',
	path: '/contacts/{contactId}/appointments',
	scopes: ['contacts.readonly'],
	properties: [contactIdField],
	request: (p) => ({ pathParams: { contactId: p.pathId('contactId') } }),
	output: itemsOf('events'),
};
