import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { readRequestOptions, type RequestOptions } from '../common/requestOptions';
import { errorJson, mapBounded } from '../common/runner';
import { getMappingColumns, getTemplates } from './methods';
import { syncProperties } from './description';
import { MappingError } from './mapping';
import { syncItem, type SyncOutput, type SyncSettings } from './sync/engine';
import { HatsClient } from './sync/hatsClient';
import { InputError, normalizeItem, type GhlEntity, type NormalizedItem } from './sync/normalize';
import { MissingFieldError } from './sync/upsert';

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

function failureJson(error: Error, partial: IDataObject): IDataObject {
	return {
		action: 'failed',
		entity: partial.entity ?? null,
		ghlId: partial.ghlId ?? null,
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

interface PreparedItem {
	normalized?: NormalizedItem;
	error?: Error;
}

function prepareItem(ctx: IExecuteFunctions, json: IDataObject, itemIndex: number): PreparedItem {
	try {
		const entity = ctx.getNodeParameter('entity', itemIndex, 'auto') as GhlEntity | 'auto';
		return { normalized: normalizeItem(json, entity) };
	} catch (error) {
		return {
			error: new NodeOperationError(ctx.getNode(), (error as Error).message, {
				itemIndex,
				description:
					error instanceof InputError
						? 'Pass GHL Trigger output, a GHL webhook body or a GHL API record, or set "Entity".'
						: undefined,
			}),
		};
	}
}

/**
 * Item indexes grouped by GHL record (entity + GHL id), each group in input
 * order; an item that could not be read is a group of its own.
 */
function groupItems(prepared: PreparedItem[]): number[][] {
	const groups = new Map<string, number[]>();
	prepared.forEach((p, itemIndex) => {
		const key = p.normalized ? `${p.normalized.entity}:${p.normalized.ghlId}` : `#${itemIndex}`;
		const group = groups.get(key);
		if (group) group.push(itemIndex);
		else groups.set(key, [itemIndex]);
	});
	return [...groups.values()];
}

export class GhlTo17hatsSync implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GHL to 17hats Sync',
		name: 'ghlTo17hatsSync',
		icon: { light: 'file:../../icons/ghlTo17hats.svg', dark: 'file:../../icons/ghlTo17hats.dark.svg' },
		group: ['transform'],
		version: 1,
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
		const items = this.getInputData();
		let requestOptions: RequestOptions | undefined;
		let optionError: Error | undefined;
		try {
			// Concurrency is under Options here; Max Attempts and Max Retry Wait under Request Options.
			requestOptions = readRequestOptions(this, { concurrencyParameter: 'options' });
		} catch (error) {
			optionError = error as Error;
		}
		if (optionError || !requestOptions) {
			const error = optionError ?? new NodeOperationError(this.getNode(), 'The options could not be read');
			// A bad option concerns every item: under Continue On Fail each one says so.
			if (!this.continueOnFail()) throw error;
			return [items.map((_, itemIndex) => ({ json: failureJson(error, {}), pairedItem: { item: itemIndex } }))];
		}
		const { concurrency, retry } = requestOptions;
		const now = new Date().toISOString();

		// Normalise first: items about the same GHL record run one after another.
		const prepared = items.map((item, itemIndex) => prepareItem(this, item.json, itemIndex));
		const groups = groupItems(prepared);

		let firstError: Error | undefined;
		const syncOne = async (itemIndex: number): Promise<INodeExecutionData | undefined> => {
			const partial: IDataObject = {};
			try {
				const { normalized, error } = prepared[itemIndex];
				if (error) throw error;
				if (!normalized) throw new NodeOperationError(this.getNode(), 'The item could not be read', { itemIndex });
				partial.entity = normalized.entity;
				partial.ghlId = normalized.ghlId;
				const dryRun = this.getNodeParameter('dryRun', itemIndex, false) as boolean;
				const settings = readSettings(this, itemIndex, now);
				const client = new HatsClient(this, itemIndex, dryRun, retry);
				const output: SyncOutput = await syncItem(client, normalized, settings);
				return { json: output, pairedItem: { item: itemIndex } };
			} catch (caught) {
				let error = caught as Error;
				if (!(error instanceof NodeApiError) && !(error instanceof NodeOperationError)) {
					error = new NodeOperationError(this.getNode(), error.message, {
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
				if (partial.ghlId !== undefined) Object.assign((error as NodeOperationError).context, { ghlId: partial.ghlId, entity: partial.entity });
				if (this.continueOnFail()) {
					return { json: failureJson(error, partial), pairedItem: { item: itemIndex } };
				}
				firstError ??= error;
				return undefined;
			}
		};

		// Concurrency across records only; each record's items in input order.
		const results = new Array<INodeExecutionData | undefined>(items.length);
		await mapBounded(
			groups.length,
			concurrency,
			async (group) => {
				for (const itemIndex of groups[group]) {
					if (firstError) return;
					results[itemIndex] = await syncOne(itemIndex);
				}
			},
			() => firstError !== undefined,
		);
		if (firstError) {
			// A failed execution is found by its GHL record in n8n's executions list too.
			const failed = (firstError as NodeOperationError).context;
			if (failed.ghlId !== undefined) {
				this.customData.set('ghlId', String(failed.ghlId));
				this.customData.set('entity', String(failed.entity ?? ''));
				this.customData.set('action', 'failed');
			}
			throw firstError;
		}

		const output = results.filter((r): r is INodeExecutionData => r !== undefined);
		const jsons = output.map((o) => o.json);
		this.customData.set('ghlId', clip(jsons.map((j) => String(j.ghlId ?? ''))));
		this.customData.set('hatsId', clip(jsons.map((j) => String(j.hatsId ?? ''))));
		this.customData.set('action', clip(jsons.map((j) => String(j.action))));
		this.customData.set('entity', clip(jsons.map((j) => String(j.entity ?? ''))));
		return [output];
	}
}
