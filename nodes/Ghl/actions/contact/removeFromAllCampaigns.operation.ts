import type { OperationDefinition } from '../../../common/operation';
import { contactIdField } from '../common.descriptions';
import { done } from '../../helpers/request';

export const removeContactFromAllCampaigns: OperationDefinition = {
	resource: 'contact',
	operation: 'removeFromAllCampaigns',
	name: 'Remove From All Campaigns',
	action: 'Remove a contact from every campaign',
	description: 'Remove a contact from every campaign',
	method: 'DELETE',
	path: '/contacts/{contactId}/campaigns/removeAll',
	scopes: ['contacts.write'],
	properties: [contactIdField],
	request: (p) => ({ pathParams: { contactId: p.pathId('contactId') } }),
	output: done((p) => ({ contactId: p.required('contactId') })),
};
