import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { RetryPolicy } from '../common/retry';
import { errorJson, runItems } from '../common/runner';
import { getMappingColumns, getTemplates } from './methods';
import { syncProperties } from './description';
import { MappingError } from './mapping';
import { syncItem, type SyncOutput, type SyncSettings } from './sync/engine';
import { HatsClient, MissingFieldError } from '../SeventeenHats/api';
import { InputError, normalizeItem, type GhlEntity, type NormalizedItem } from './sync/normalize';

function readSettings(ctx: IExecuteFunctions, itemIndex: number, now: string): SyncSettings {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const overrides = (ctx.getNodeParameter('fieldOverrides.value', itemIndex, {}) ?? {}) as IDataObject;
	const settings: SyncSettings = {
		overrides,
		amountUnits: options.amountUnits === 'minor' ? 'minor' : 'major',
		decimalSeparator: options.decimalSeparator === 'comma' ? 'comma' : 'point',
		deleteMode: ctx.getNodeParameter('deleteHandling', itemIndex, 'mark') as SyncSettings['deleteMode'],
		matchByEmail: options.matchByEmail !== false,
		attachDocuments: options.attachDocuments !== false,
		now,
	};
	if (ctx.getNodeParameter('welcomeAgreement', itemIndex, false) as boolean) {
		const templateId = String(ctx.getNodeParameter('welcomeTemplateId', itemIndex, '') ?? '').trim();
		if (!templateId) {
			throw new NodeOperationError(ctx.getNode(), 'The field "Welcome Template" is required when "Send Welcome Agreement" is on', {
				itemIndex,
			});
		}
		settings.welcome = {
			trigger: ctx.getNodeParameter('welcomeTrigger', itemIndex, 'contactTag') as 'contactTag' | 'firstInvoicePaid',
			tag: String(ctx.getNodeParameter('welcomeTag', itemIndex, '') ?? ''),
			templateId,
			name: String(ctx.getNodeParameter('welcomeName', itemIndex, 'Welcome Agreement') || 'Welcome Agreement'),
		};
	}
	if (ctx.getNodeParameter('renewalNotice', itemIndex, false) as boolean) {
		const templateId = String(ctx.getNodeParameter('renewalTemplateId', itemIndex, '') ?? '').trim();
		if (!templateId) {
			throw new NodeOperationError(ctx.getNode(), 'The field "Renewal Template" is required when "Send Renewal Notice" is on', {
				itemIndex,
			});
		}
		settings.renewal = {
			templateId,
			name: String(ctx.getNodeParameter('renewalName', itemIndex, 'Renewal Notice') || 'Renewal Notice'),
		};
	}
	return settings;
}

/** A failed item's output: the GHL record named on the error (see `syncOne`), if it was read. */
function failureJson(error: Error): IDataObject {
	const context = (error as Partial<NodeOperationError>).context ?? {};
	return {
		action: 'failed',
		entity: context.entity ?? null,
		ghlId: context.ghlId ?? null,
		hatsId: null,
		changes: {},
		last_synced_at: null,
		warnings: [],
		...errorJson(error),
	};
}

/** n8n keeps custom data values up to 255 characters. */
function clip(values: string[]): string {
	const joined = [...new Set(values.filter((v) => v !== ''))].join(',');
	return joined.length > 255 ? `${joined.slice(0, 252)}...` : joined;
}

/** The item as a GHL record, or an error naming what is wrong with the input. */
function readItem(ctx: IExecuteFunctions, itemIndex: number): NormalizedItem {
	let normalized: NormalizedItem | undefined;
	let problem: Error | undefined;
	try {
		const entity = ctx.getNodeParameter('entity', itemIndex, 'auto') as GhlEntity | 'auto';
		normalized = normalizeItem(ctx.getInputData()[itemIndex].json, entity);
	} catch (error) {
		problem = error as Error;
	}
	if (!normalized) {
		throw new NodeOperationError(ctx.getNode(), problem?.message ?? 'The item could not be read', {
			itemIndex,
			description:
				problem instanceof InputError
					? 'Pass GHL Trigger output, a GHL webhook body or a GHL API record, or set "Entity".'
					: undefined,
		});
	}
	return normalized;
}

/** Syncs one item; any error comes out as a NodeApiError or NodeOperationError naming the GHL record. */
async function syncOne(
	ctx: IExecuteFunctions,
	itemIndex: number,
	normalized: NormalizedItem,
	retry: Partial<RetryPolicy>,
	now: string,
): Promise<SyncOutput> {
	let failure: NodeApiError | NodeOperationError;
	try {
		const dryRun = ctx.getNodeParameter('dryRun', itemIndex, false) as boolean;
		const settings = readSettings(ctx, itemIndex, now);
		const client = new HatsClient(ctx, itemIndex, dryRun, retry);
		return await syncItem(client, normalized, settings);
	} catch (caught) {
		const error = caught as Error;
		failure =
			error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(ctx.getNode(), error.message, {
						itemIndex,
						description:
							error instanceof MissingFieldError
								? 'Map a value for it in "Field Overrides" or fix the GHL record.'
								: error instanceof MappingError
									? 'Fix the value in GHL or in "Field Overrides"; for amounts written like 1.234,56 set Options → Decimal Separator to Comma.'
									: undefined,
					});
	}
	// Name the GHL record on the error: n8n passes `context` to the error workflow (alerts).
	Object.assign(failure.context, { ghlId: normalized.ghlId, entity: normalized.entity });
	throw failure;
}

export class GhlTo17hatsSync implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GHL to 17hats Sync',
		name: 'ghlTo17hatsSync',
		icon: { light: 'file:../../icons/ghlTo17hats.svg', dark: 'file:../../icons/ghlTo17hats.dark.svg' },
		group: ['transform'],
		// 1.1: Concurrency moved from Options to Request Options, as on the GHL and 17hats nodes.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["dryRun"] ? "dry run: " : ""}}{{$parameter["entity"]}}',
		description: 'Create or update 17hats contacts, documents, contracts and invoices from HighLevel (GHL) data',
		defaults: { name: 'GHL to 17hats Sync' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'seventeenHatsApi', required: true }],
		properties: syncProperties,
	};

	methods = {
		loadOptions: { getTemplates },
		resourceMapping: { getMappingColumns },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const now = new Date().toISOString();
		const outcome = await runItems
			.call(this, {
				// Version 1 kept Concurrency under Options.
				legacyConcurrencyParameter: 'options',
				failedJson: failureJson,
				prepare: (itemIndex, { retry }) => {
					const normalized = readItem(this, itemIndex);
					return {
						// Items about the same GHL record run one after another, in input order.
						recordKey: `${normalized.entity}:${normalized.ghlId}`,
						run: async () => [await syncOne(this, itemIndex, normalized, retry, now)],
					};
				},
			})
			// runItems fails only with a NodeApiError or NodeOperationError.
			.then((output) => ({ output }), (error: NodeApiError | NodeOperationError) => ({ error }));
		if ('error' in outcome) {
			// A failed execution is found by its GHL record in n8n's executions list too.
			const { context } = outcome.error;
			if (context.ghlId !== undefined) {
				this.customData.set('ghlId', String(context.ghlId));
				this.customData.set('entity', String(context.entity ?? ''));
				this.customData.set('action', 'failed');
			}
			throw outcome.error;
		}

		const jsons = outcome.output[0].map((o) => o.json);
		this.customData.set('ghlId', clip(jsons.map((j) => String(j.ghlId ?? ''))));
		this.customData.set('hatsId', clip(jsons.map((j) => String(j.hatsId ?? ''))));
		this.customData.set('action', clip(jsons.map((j) => String(j.action))));
		this.customData.set('entity', clip(jsons.map((j) => String(j.entity ?? ''))));
		return outcome.output;
	}
}
