/** Every 17hats resource the action node offers; the description and the catalog are built from this. */
import type { ResourceDefinition } from '../../common/operation';
import { accountResource } from './account/Account.resource';
import { contactResource } from './contact/Contact.resource';

export const hatsResources: ResourceDefinition[] = [accountResource, contactResource];
