import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { buildOperationProperties } from '../common/describe';
import { runOperations } from '../common/runner';
import { ghlResources } from './actions';
import { authenticationProperty, ghlCredentials } from './actions/common.descriptions';
import { listSearch, loadOptions } from './methods';
import { ghlTransport } from './transport';

export class Ghl implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GHL',
		name: 'ghl',
		icon: { light: 'file:../../icons/ghl.svg', dark: 'file:../../icons/ghl.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Work with HighLevel (GHL) contacts, invoices, documents and more',
		defaults: { name: 'GHL' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: ghlCredentials,
		properties: [authenticationProperty, ...buildOperationProperties(ghlResources)],
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperations.call(this, ghlResources, ghlTransport);
	}
}
