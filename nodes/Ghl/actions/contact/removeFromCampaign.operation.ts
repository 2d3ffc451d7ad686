import type { OperationDefinition } from '../../../common/operation';
import { contactIdField, idField } from '../common.descriptions';
import { done } from '../../helpers/request';
import { CAMPAIGN_ID_DESCRIPTION } from '../shared.operations';

export const removeContactFromCampaign: OperationDefinition = {
	resource: 'contact',
	operation: 'removeFromCampaign',
	name: 'Remove From Campaign',
	action: 'Remove a contact from a campaign',
	description: 'Remove a contact from a campaign',
	method: 'DELETE',
	path: '/contacts/{contactId}/campaigns/{campaignId}',
	scopes: ['contacts.write'],
	properties: [contactIdField, idField('Campaign ID', 'campaignId', CAMPAIGN_ID_DESCRIPTION)],
	request: (p) => ({
		pathParams: { contactId: p.pathId('contactId'), campaignId: p.pathId('campaignId') },
	}),
	output: done((p) => ({ contactId: p.required('contactId'), campaignId: p.required('campaignId') })),
};
