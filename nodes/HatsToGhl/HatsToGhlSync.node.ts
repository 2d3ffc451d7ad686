import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { runItems } from '../common/runner';
import { loadOptions as ghlLoadOptions } from '../Ghl/methods';
import { listOf } from '../Ghl/helpers/request';
import { HatsClient } from '../SeventeenHats/api';
import { reverseProperties } from './description';
import { entityOf, ReverseRun, type ReverseEntity, type ReverseSettings } from './sync/engine';

function readSettings(ctx: IExecuteFunctions, itemIndex: number, now: string): ReverseSettings {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const rows = (ctx.getNodeParameter('customFieldsUi.field', itemIndex, []) ?? []) as IDataObject[];
	return {
		matchByEmail: options.matchByEmail !== false,
		customFields: rows.filter((r) => String(r.id ?? '').trim() !== '').map((r) => ({ id: String(r.id).trim(), value: r.value })),
		opportunity: {
			pipelineId: String(ctx.getNodeParameter('pipelineId', itemIndex, '') ?? ''),
			stageId: String(ctx.getNodeParameter('stageId', itemIndex, '') ?? ''),
			status: String(ctx.getNodeParameter('opportunityStatus', itemIndex, 'won')),
			signedStatuses: ctx.getNodeParameter('signedStatuses', itemIndex, ['signed', 'active', 'completed']) as string[],
			createIfMissing: ctx.getNodeParameter('createOpportunity', itemIndex, true) as boolean,
			tags: listOf(ctx.getNodeParameter('wonTags', itemIndex, '')),
		},
		paymentMode: String(ctx.getNodeParameter('paymentMode', itemIndex, 'other')),
		now,
	};
}

export class HatsToGhlSync implements INodeType {
	description: INodeTypeDescription = {
		displayName: '17hats to GHL Sync',
		name: 'hatsToGhlSync',
		icon: { light: 'file:../../icons/hatsToGhl.svg', dark: 'file:../../icons/hatsToGhl.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["entity"]}}',
		description: 'Update HighLevel (GHL) contacts, opportunities and invoices from 17hats, without echoes',
		defaults: { name: '17hats to GHL Sync' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [
			{ name: 'ghlPrivateIntegrationApi', required: true, displayOptions: { show: { authentication: ['privateIntegrationToken'] } } },
			{ name: 'ghlOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
			{ name: 'seventeenHatsApi', required: true },
		],
		properties: reverseProperties,
	};

	methods = {
		loadOptions: {
			getPipelines: ghlLoadOptions.getPipelines,
			getPipelineStages: ghlLoadOptions.getPipelineStages,
			getContactCustomFields: ghlLoadOptions.getContactCustomFields,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const now = new Date().toISOString();
		return await runItems.call(this, {
			prepare: (itemIndex, { retry }) => {
				let read: ReturnType<typeof entityOf>;
				try {
					const chosen = this.getNodeParameter('entity', itemIndex, 'auto') as ReverseEntity | 'auto';
					read = entityOf(this.getInputData()[itemIndex].json, chosen);
				} catch (error) {
					throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
				}
				const { entity, record } = read;
				const idKey = entity === 'contact' ? 'contact_id' : entity === 'contract' ? 'contract_id' : 'invoice_id';
				return {
					// Items about the same 17hats record run one after another, in input order.
					recordKey: `${entity}:${String(record[idKey])}`,
					run: async () => {
						try {
							const settings = readSettings(this, itemIndex, now);
							if (entity === 'contract' && !settings.opportunity.pipelineId) {
								throw new NodeOperationError(this.getNode(), 'The field "Pipeline" is required to sync a contract', { itemIndex });
							}
							const run = new ReverseRun(this, itemIndex, new HatsClient(this, itemIndex, false, retry), settings, retry);
							if (entity === 'contact') return [await run.syncContact(record)];
							if (entity === 'contract') return [await run.syncContract(record)];
							return [await run.syncInvoice(record)];
						} catch (error) {
							// API errors keep their type, status and trace id; anything else names the item.
							const failure = error as Error;
							if (failure instanceof NodeApiError) throw failure;
							if (failure instanceof NodeOperationError) throw failure;
							throw new NodeOperationError(this.getNode(), failure.message, { itemIndex });
						}
					},
				};
			},
		});
	}
}
