/**
 * Every GHL resource the action node offers. This list is the machine-readable
 * table: the node description, the operations catalog (docs/operations.md) and
 * the spec-conformance test are all built from it.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { OperationDefinition, ResourceDefinition } from '../../common/operation';
import { locationIdField, locationOverrideOption } from './common.descriptions';
import { contactResource } from './contact/Contact.resource';
import { contactNoteResource } from './contactNote/ContactNote.resource';
import { contactTaskResource } from './contactTask/ContactTask.resource';
import { customApiCallResource } from './customApiCall/CustomApiCall.resource';
import { customFieldResource } from './customField/CustomField.resource';
import { customValueResource } from './customValue/CustomValue.resource';
import { documentResource } from './document/Document.resource';
import { documentTemplateResource } from './documentTemplate/DocumentTemplate.resource';
import { estimateResource } from './estimate/Estimate.resource';
import { estimateTemplateResource } from './estimateTemplate/EstimateTemplate.resource';
import { invoiceResource } from './invoice/Invoice.resource';
import { invoiceScheduleResource } from './invoiceSchedule/InvoiceSchedule.resource';
import { invoiceTemplateResource } from './invoiceTemplate/InvoiceTemplate.resource';
import { locationResource } from './location/Location.resource';
import { opportunityResource } from './opportunity/Opportunity.resource';
import { tagResource } from './tag/Tag.resource';
import { userResource } from './user/User.resource';

const resources: ResourceDefinition[] = [
	contactResource,
	contactNoteResource,
	contactTaskResource,
	opportunityResource,
	invoiceResource,
	invoiceScheduleResource,
	invoiceTemplateResource,
	estimateResource,
	estimateTemplateResource,
	documentResource,
	documentTemplateResource,
	customFieldResource,
	customValueResource,
	tagResource,
	locationResource,
	userResource,
	customApiCallResource,
];

/**
 * An operation that works in a location (it lists `locationIdField`) gets
 * Options → Location ID (Override): the credential's location is the
 * default, so the field is not repeated on every operation.
 */
function withLocationOverride(operation: OperationDefinition): OperationDefinition {
	if (!operation.properties.includes(locationIdField)) return operation;
	const existing = operation.properties.find((p) => p.name === 'options' && p.type === 'collection');
	const options: INodeProperties = existing
		? {
				...existing,
				options: [...((existing.options ?? []) as INodeProperties[]), locationOverrideOption].sort((a, b) =>
					a.displayName.localeCompare(b.displayName),
				),
			}
		: { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, options: [locationOverrideOption] };
	const properties = operation.properties.filter((p) => p !== existing);
	return { ...operation, properties: [...properties, options] };
}

export const ghlResources: ResourceDefinition[] = resources.map((resource) => ({
	...resource,
	operations: resource.operations.map(withLocationOverride),
}));
