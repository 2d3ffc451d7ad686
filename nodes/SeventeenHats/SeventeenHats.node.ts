import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { buildOperationProperties } from '../common/describe';
import { runOperations } from '../common/runner';
import { hatsResources } from './actions';
import { hatsExecutableResources, withMovedOperations } from './actions/legacy';
import { rotationWarning } from './helpers/rotation';
import { listSearch } from './methods';
import { hatsTransport } from './transport';

export class SeventeenHats implements INodeType {
	description: INodeTypeDescription = {
		displayName: '17hats',
		name: 'seventeenHats',
		icon: { light: 'file:../../icons/seventeenHats.svg', dark: 'file:../../icons/seventeenHats.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create and update 17hats contacts, projects, documents, contracts and invoices',
		defaults: { name: '17hats' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'seventeenHatsApi', required: true }],
		properties: withMovedOperations(buildOperationProperties(hatsResources)),
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output = await runOperations.call(this, hatsExecutableResources, hatsTransport);
		// Key rotation reminder: a warning hint on the node's output, the data itself unchanged.
		const connection = await hatsTransport.connect(this, 0).catch(() => undefined);
		const warning = rotationWarning(connection?.defaults.rotationDueInDays);
		if (warning) this.addExecutionHints({ message: warning, type: 'warning', location: 'outputPane' });
		return output;
	}
}
