/**
 * Builds a node's properties from resource and operation declarations: the
 * resource dropdown, an operation dropdown per resource, and every operation's
 * fields shown only for that resource and operation.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { OperationDefinition, ResourceDefinition } from './operation';

function byName<T extends { name: string }>(a: T, b: T): number {
	return a.name.localeCompare(b.name);
}

function showFor(property: INodeProperties, op: OperationDefinition): INodeProperties {
	const show = property.displayOptions?.show ?? {};
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...show, resource: [op.resource], operation: [op.operation] },
		},
	};
}

export function resourceProperty(resources: ResourceDefinition[]): INodeProperties {
	const options: INodePropertyOptions[] = resources
		.map((r) => ({ name: r.name, value: r.value, description: r.description }))
		.sort(byName);
	// A named default: n8n's lint rule (node-param-default-missing) reads
	// `resources[0].value` as no default at all, but accepts an identifier.
	const firstResource = resources[0].value;
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options,
		default: firstResource,
	};
}

export function operationProperty(resource: ResourceDefinition): INodeProperties {
	const options: INodePropertyOptions[] = resource.operations
		.map((op) => ({ name: op.name, value: op.operation, description: op.description, action: op.action }))
		.sort(byName);
	const preferred = resource.operations.find((op) => op.operation === 'get') ?? resource.operations[0];
	const preferredOperation = preferred.operation; // named for the lint rule, as above
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		options,
		default: preferredOperation,
	};
}

/** Retry and concurrency settings shared by every operation of a node. */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 20 },
			default: 5,
			description: 'How many items are processed at the same time. The rate limiter keeps requests under the API limit either way.',
		},
		{
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 5,
			description: 'Attempts per request, the first included, when the API answers 429 or 5xx or the connection drops',
		},
		{
			displayName: 'Max Retry Wait (Seconds)',
			name: 'maxRetryWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 60,
			description: 'Longest single wait before a retry; when the API asks for longer, the item fails instead',
		},
	],
};

/** Resource + operation dropdowns and every operation's fields, in display order. */
export function buildOperationProperties(resources: ResourceDefinition[]): INodeProperties[] {
	const properties: INodeProperties[] = [resourceProperty(resources)];
	for (const resource of resources) properties.push(operationProperty(resource));
	for (const resource of resources) {
		for (const op of resource.operations) {
			for (const property of op.properties) properties.push(showFor(property, op));
		}
	}
	properties.push(requestOptionsProperty);
	return properties;
}

/** Return All + Limit, for list operations. */
export function returnAllFields(maxLimit?: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, ...(maxLimit ? { maxValue: maxLimit } : {}) },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** The Filters collection (parameter `filters`) of a list operation, with its filter fields. */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add filter', default: {}, options };
}
