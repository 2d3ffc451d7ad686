import type { OperationDefinition } from '../../../common/operation';
import { contactIdField, idField } from '../common.descriptions';
import { done } from '../../helpers/request';
import { CAMPAIGN_ID_DESCRIPTION } from '../shared.operations';

export const addContactToCampaign: OperationDefinition = {
	resource: 'contact',
	operation: 'addToCampaign',
	name: 'Add to Campaign',
	action: 'Add a contact to a campaign',
	description: 'Add a contact to a campaign',
	method: 'POST',
	path: '/contacts/{contactId}/campaigns/{campaignId}',
	scopes: ['contacts.write'],
	properties: [contactIdField, idField('Campaign ID', 'campaignId', CAMPAIGN_ID_DESCRIPTION)],
	request: (p) => ({
		pathParams: { contactId: p.pathId('contactId'), campaignId: p.pathId('campaignId') },
		body: {},
	}),
	output: done((p) => ({ contactId: p.required('contactId'), campaignId: p.required('campaignId') })),
};
