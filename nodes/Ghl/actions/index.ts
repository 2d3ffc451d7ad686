/**
 * Every GHL resource the action node offers. This list is the machine-readable
 * table: the node description, the operations catalog (docs/operations.md) and
 * the spec-conformance test are all built from it.
 */
import type { ResourceDefinition } from '../../common/operation';
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

export const ghlResources: ResourceDefinition[] = [
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
