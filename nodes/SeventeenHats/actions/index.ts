/** Every 17hats resource the action node offers; the description and the catalog are built from this. */
import type { ResourceDefinition } from '../../common/operation';
import { accountResource } from './account/Account.resource';
import { contactResource } from './contact/Contact.resource';
import { contractResource } from './contract/Contract.resource';
import { documentResource } from './document/Document.resource';
import { invoiceResource } from './invoice/Invoice.resource';
import { projectResource } from './project/Project.resource';

export const hatsResources: ResourceDefinition[] = [
	contactResource,
	projectResource,
	documentResource,
	contractResource,
	invoiceResource,
	accountResource,
];
