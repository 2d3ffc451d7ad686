/**
 * Operations that moved keep working in saved workflows: the old
 * resource/operation pair runs the new operation. A new node never offers
 * the old pair; a saved one shows it in the Operation dropdown (with every
 * current operation of the resource, to switch away) and keeps its fields.
 */
import type { INodeProperties } from 'n8n-workflow';

import { buildOperationProperties, operationProperty } from '../../common/describe';
import type { OperationDefinition, ResourceDefinition } from '../../common/operation';
import { linkDocumentToContact } from './document/linkToContact.operation';
import { hatsResources } from './index';

interface MovedOperation {
	/** Where it was: the values saved workflows hold. */
	resource: string;
	operation: string;
	/** Where it is now. */
	target: OperationDefinition;
	/** Where the editor shows it now, e.g. "Document → Link to Contact". */
	movedTo: string;
}

const MOVED: MovedOperation[] = [
	{ resource: 'contact', operation: 'linkDocument', target: linkDocumentToContact, movedTo: 'Document → Link to Contact' },
];

/** The old name of a moved operation, running the new one (same fields, same request). */
function alias(moved: MovedOperation): OperationDefinition {
	return {
		...moved.target,
		resource: moved.resource,
		operation: moved.operation,
		name: `${moved.target.name} (Moved to ${moved.movedTo})`,
		description: `Moved to ${moved.movedTo}; saved workflows keep working`,
	};
}

const resourceOf = (value: string): ResourceDefinition => {
	const found = hatsResources.find((r) => r.value === value);
	if (!found) throw new Error(`No 17hats resource "${value}"`);
	return found;
};

/** What the node runs: every resource, with the old names of moved operations. */
export const hatsExecutableResources: ResourceDefinition[] = hatsResources.map((resource) => {
	const aliases = MOVED.filter((m) => m.resource === resource.value).map(alias);
	return aliases.length === 0 ? resource : { ...resource, operations: [...resource.operations, ...aliases] };
});

/**
 * The node's properties: the current ones, each resource's Operation dropdown
 * hidden while a moved operation is selected, and for that case a dropdown
 * holding it (and every current operation), its notice and its fields.
 */
export function withMovedOperations(properties: INodeProperties[]): INodeProperties[] {
	const movedValues = (resource: string) => MOVED.filter((m) => m.resource === resource).map((m) => m.operation);
	const current = properties.map((property) => {
		const resource = property.name === 'operation' ? property.displayOptions?.show?.resource : undefined;
		const values = Array.isArray(resource) && resource.length === 1 ? movedValues(String(resource[0])) : [];
		if (values.length === 0) return property;
		return {
			...property,
			displayOptions: { ...property.displayOptions, hide: { ...property.displayOptions?.hide, operation: values } },
		};
	});
	const legacy: INodeProperties[] = [];
	for (const moved of MOVED) {
		const resource = resourceOf(moved.resource);
		const definition = alias(moved);
		const when = { show: { resource: [moved.resource], operation: [moved.operation] } };
		const withAlias: ResourceDefinition = { ...resource, operations: [...resource.operations, definition] };
		legacy.push(
			{ ...operationProperty(withAlias), displayOptions: when, default: moved.operation },
			{
				displayName: `This operation moved to ${moved.movedTo}. It keeps working here; pick it there for new nodes.`,
				name: `movedNotice_${moved.resource}_${moved.operation}`,
				type: 'notice',
				default: '',
				displayOptions: when,
			},
			// The alias's fields: buildOperationProperties shows them for its resource and operation only.
			...buildOperationProperties([{ ...resource, operations: [definition] }]).filter(
				(p) => p.displayOptions?.show?.operation?.includes(moved.operation) && p.name !== 'operation',
			),
		);
	}
	// The request options stay last.
	const requestOptions = current.filter((p) => p.name === 'requestOptions');
	return [...current.filter((p) => p.name !== 'requestOptions'), ...legacy, ...requestOptions];
}
