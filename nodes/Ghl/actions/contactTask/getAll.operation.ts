import type { OperationDefinition } from '../../../common/operation';
import { returnAllFields } from '../../../common/describe';
import { contactIdField } from '../common.descriptions';
import { itemsOf, limited } from '../../helpers/request';

export const getAllContactTasks: OperationDefinition = {
	resource: 'contactTask',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Get many contact tasks',
	description: 'List the tasks of a contact (HighLevel returns them in one page)',
	method: 'GET',
	path: '/contacts/{contactId}/tasks',
	scopes: ['contacts.readonly'],
	properties: [contactIdField, ...returnAllFields()],
	request: (p) => ({ pathParams: { contactId: p.pathId('contactId') } }),
	output: (body, p) => limited(itemsOf('tasks')(body), p),
};
