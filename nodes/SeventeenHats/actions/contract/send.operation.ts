import type { OperationDefinition } from '../../../common/operation';
import { sendBody } from '../../helpers/body';
import { CONTRACT, locator } from '../common.descriptions';
import { messageField } from '../document/document.fields';

export const sendContract: OperationDefinition = {
	resource: 'contract',
	operation: 'send',
	name: 'Send',
	action: 'Send a contract to its contact',
	description: 'Email the contract to its contact (the contact needs a project)',
	method: 'POST',
	path: '/contracts/{id}/send',
	scopes: ['contracts:write'],
	properties: [locator(CONTRACT), messageField],
	request: (p) => ({ pathParams: { id: p.pathId('contractId') }, body: sendBody(p.optional('message')) }),
};
