import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemParameters } from '../../../common/operation';
import { compact } from '../../helpers/request';

export const taskIdField: INodeProperties = { displayName: 'Task ID', name: 'taskId', type: 'string', required: true, default: '' };

export function taskOptions(withCore: boolean): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Assigned To Name or ID',
			name: 'assignedTo',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getUsers' },
			default: '',
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		},
		{ displayName: 'Description', name: 'body', type: 'string', typeOptions: { rows: 3 }, default: '' },
	];
	if (withCore) {
		options.push(
			{ displayName: 'Completed', name: 'completed', type: 'boolean', default: false, description: 'Whether the task is done' },
			{ displayName: 'Due Date', name: 'dueDate', type: 'dateTime', default: '' },
			{ displayName: 'Title', name: 'title', type: 'string', default: '' },
		);
	}
	options.sort((a, b) => a.displayName.localeCompare(b.displayName));
	return { displayName: withCore ? 'Update Fields' : 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options };
}

export function taskBody(p: ItemParameters): IDataObject {
	return compact(p.collection('additionalFields'));
}
