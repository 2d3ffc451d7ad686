import type { OperationDefinition } from '../../../common/operation';
import { filtersCollection, returnAllFields } from '../../../common/describe';
import { locationIdField } from '../common.descriptions';
import { compact, locationOf } from '../../helpers/request';
import { statusOptions } from './fields';

/** GET /opportunities/search: filters in the query, cursor pages (startAfterId + startAfter). */
export const getAllOpportunities: OperationDefinition = {
	resource: 'opportunity',
	operation: 'getAll',
	name: 'Get Many',
	action: 'Search opportunities',
	description: 'List or search opportunities by pipeline, stage, status, contact and more',
	method: 'GET',
	path: '/opportunities/search',
	scopes: ['opportunities.readonly'],
	properties: [
		locationIdField,
		...returnAllFields(100),
		filtersCollection([
			{ displayName: 'Assigned To (User ID)', name: 'assigned_to', type: 'string', default: '' },
			{ displayName: 'Contact ID', name: 'contact_id', type: 'string', default: '' },
			{ displayName: 'End Date', name: 'endDate', type: 'string', default: '', placeholder: 'mm-dd-yyyy' },
			{
				displayName: 'Order',
				name: 'order',
				type: 'options',
				options: [
					{ name: 'Added (Oldest First)', value: 'added_asc' },
					{ name: 'Added (Newest First)', value: 'added_desc' },
				],
				default: 'added_desc',
			},
			{ displayName: 'Pipeline ID', name: 'pipeline_id', type: 'string', default: '' },
			{ displayName: 'Query', name: 'q', type: 'string', default: '', description: 'Text to search for' },
			{ displayName: 'Stage ID', name: 'pipeline_stage_id', type: 'string', default: '' },
			{ displayName: 'Start Date', name: 'date', type: 'string', default: '', placeholder: 'mm-dd-yyyy' },
			{ displayName: 'Status', name: 'status', type: 'options', options: [{ name: 'All', value: 'all' }, ...statusOptions], default: 'all' },
		]),
	],
	request: (p) => ({ qs: { location_id: locationOf(p), ...compact(p.collection('filters')) } }),
	pagination: { type: 'ghlCursor', itemsKey: 'opportunities', pageSize: 100 },
};
