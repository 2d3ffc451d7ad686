import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ItemParameters } from '../../../common/operation';
import { compact } from '../../helpers/request';
import { additionalFieldsCollection, recordLocator, userField } from '../common.descriptions';

/** One of the chosen contact's tasks. */
export const taskIdField: INodeProperties = recordLocator({ displayName: 'Task ID', name: 'taskId', searchListMethod: 'searchTasks', description: "One of the contact's tasks" });

export function taskOptions(withCore: boolean): INodeProperties {
	const options: INodeProperties[] = [
		userField('Assigned To Name or ID', 'assignedTo'),
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
	return additionalFieldsCollection(options, withCore ? 'Update Fields' : 'Additional Fields');
}

export function taskBody(p: ItemParameters): IDataObject {
	return compact(p.collection('additionalFields'));
}
