import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemParameters } from '../../../common/operation';
import { compact } from '../../helpers/request';
import { additionalFieldsCollection, recordLocator, userField } from '../common.descriptions';

/** One of the chosen contact's notes. */
export const noteIdField: INodeProperties = recordLocator({ displayName: 'Note ID', name: 'noteId', searchListMethod: 'searchNotes', description: "One of the contact's notes" });

export function noteOptions(): INodeProperties {
	return additionalFieldsCollection([
		{ displayName: 'Color', name: 'color', type: 'color', default: '', placeholder: '#FFD700' },
		{ displayName: 'Pinned', name: 'pinned', type: 'boolean', default: false, description: 'Whether the note is pinned' },
		{ displayName: 'Title', name: 'title', type: 'string', default: '' },
		{
			...userField('User Name or ID', 'userId'),
			description:
				'The author. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	]);
}

export function noteBody(p: ItemParameters, bodyRequired: boolean): IDataObject {
	const body = bodyRequired ? p.required('body') : p.optional('body');
	return compact({ ...p.collection('additionalFields'), body });
}
