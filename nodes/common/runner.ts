/**
 * The one per-item loop every action node (GHL, 17hats, the sync) uses: read
 * the Request Options, run each input item with bounded concurrency, items
 * about the same record one after another in input order, credentials read
 * once per item, paired items kept, and a failure turned into an error on
 * that item (Continue On Fail) or the node's error.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	ItemParameters,
	writeRecordKey,
	type OperationContext,
	type OperationDefinition,
	type ResourceDefinition,
} from './operation';
import { releaseConnections, reuseConnections, type Transport } from './transport';
import { readRequestOptions, type RequestOptions } from './requestOptions';
import { missingScopes } from './scopes';
import { typedValueProblem } from './parameterTypes';

/** getNodeParameter's fallback for a field this operation does not show. */
const NOT_SHOWN = Symbol('not shown') as unknown as string;

export { DEFAULT_CONCURRENCY } from './requestOptions';

/** One item's work as the pool schedules it. */
export interface KeyedTask<T> {
	/** Tasks with the same key run one after another, in input order; undefined runs freely. */
	key?: string;
	run(): Promise<T>;
}

/**
 * Runs the tasks for indexes 0..count-1, at most `limit` at once; results keep
 * their index. `prepare` is called for one index at a time in input order, so
 * tasks of one key queue up in input order: a task whose key is running waits
 * behind it (its lane moves on), and the lane that runs a key runs its queue.
 */
export async function runKeyedPool<T>(
	count: number,
	limit: number,
	prepare: (index: number) => Promise<KeyedTask<T>>,
	shouldStop: () => boolean = () => false,
): Promise<T[]> {
	const results = new Array<T>(count);
	/** Running keys → the tasks waiting behind the running one. */
	const waiting = new Map<string, Array<{ index: number; task: KeyedTask<T> }>>();
	let next = 0;
	let dispatch: Promise<unknown> = Promise.resolve();

	/** The next task no other lane's key holds, or undefined when none is left. */
	const take = async (): Promise<{ index: number; task: KeyedTask<T> } | undefined> => {
		while (next < count && !shouldStop()) {
			const index = next++;
			const task = await prepare(index);
			if (task.key === undefined) return { index, task };
			const queue = waiting.get(task.key);
			if (!queue) {
				waiting.set(task.key, []);
				return { index, task };
			}
			queue.push({ index, task });
		}
		return undefined;
	};
	/** One task taken at a time, so `prepare` sees the indexes in order. */
	const takeInOrder = async () => {
		const taking = dispatch.then(take);
		dispatch = taking.catch(() => undefined);
		return await taking;
	};

	const lanes = Array.from({ length: Math.max(1, Math.min(limit, count)) }, async () => {
		for (let taken = await takeInOrder(); taken; taken = await takeInOrder()) {
			let current: { index: number; task: KeyedTask<T> } | undefined = taken;
			while (current) {
				results[current.index] = await current.task.run();
				const key: string | undefined = current.task.key;
				if (key === undefined) break;
				current = shouldStop() ? undefined : waiting.get(key)?.shift();
				if (!current) waiting.delete(key);
			}
		}
	});
	await Promise.all(lanes);
	return results;
}

export function findOperation(resources: ResourceDefinition[], resource: string, operation: string) {
	return resources.find((r) => r.value === resource)?.operations.find((o) => o.operation === operation);
}

/** Runs one operation for one item and returns its output JSON objects. */
export async function runOperation(op: OperationContext): Promise<IDataObject[]> {
	const { definition, params, transport, ctx, itemIndex } = op;
	let result: IDataObject | IDataObject[];
	if (definition.execute) {
		// Several requests: check every declared scope first, so nothing is half done.
		const missing = missingScopes(params.connection.grantedScopes, definition.scopes);
		if (missing.length > 0) {
			throw new NodeOperationError(
				ctx.getNode(),
				`The credential lacks the ${transport.profile.scopeNoun} "${missing.join('", "')}" needed to ${definition.action.toLowerCase()}`,
				{ itemIndex, description: `Grant it in ${transport.profile.api} and add it to the credential's Granted Scopes. Nothing was sent.` },
			);
		}
		result = await definition.execute(op);
	} else {
		const parts = definition.request?.(params) ?? {};
		const request = {
			method: definition.method,
			// The transport fills the template and refuses a path that leaves its shape.
			path: parts.path ?? definition.path,
			pathParams: parts.pathParams,
			qs: parts.qs,
			body: parts.body,
			scopes: definition.scopes,
			itemIndex,
			retry: op.retry,
			acceptStatus: definition.acceptStatus,
			idempotent: definition.idempotent,
		};
		if (definition.pagination) {
			const returnAll = params.get<boolean>('returnAll', false);
			const limit = returnAll ? undefined : params.get<number>('limit', 50);
			const style = definition.pagination;
			// Ask for no more than needed on a limited run.
			const pageSize = limit !== undefined ? Math.min(limit, style.pageSize) : style.pageSize;
			result = await transport.all(ctx, request, { ...style, pageSize }, limit);
		} else {
			const body = await transport.call<unknown>(ctx, request);
			result = definition.output ? definition.output(body, params) : ((body ?? {}) as IDataObject);
		}
	}
	return Array.isArray(result) ? result : [result];
}

/** A failed item's output under Continue On Fail: the message, plus the API's description, HTTP code and trace ID when known. */
export function errorJson(error: Error): IDataObject {
	const json: IDataObject = { error: error.message };
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.description) json.description = error.description;
	}
	if (error instanceof NodeApiError) {
		if (error.httpCode) json.httpCode = error.httpCode;
		if (error.context.traceId) json.traceId = error.context.traceId as string;
	}
	return json;
}

/** One input item's work, as a node gives it to `runItems`. */
export interface ItemWork {
	/** The record the item changes: items with the same key run one after another, in input order. */
	recordKey?: string;
	/** The item's output JSON objects; throwing fails the item. */
	run(): Promise<IDataObject[]>;
}

export interface ItemRunner {
	/**
	 * Reads one item and says which record it concerns; called for one item at a
	 * time, in input order. Throwing fails the item.
	 */
	prepare(itemIndex: number, options: RequestOptions): Promise<ItemWork> | ItemWork;
	/** A failed item's output under Continue On Fail (default: `errorJson`). */
	failedJson?(error: Error): IDataObject;
	/**
	 * The collection that held Concurrency before it moved to Request Options
	 * (the sync node's version 1: `options`), read when Request Options has none.
	 */
	legacyConcurrencyParameter?: string;
}

/** Concurrency from Request Options, or from where an older node version kept it. */
function readOptions(ctx: IExecuteFunctions, legacyConcurrencyParameter?: string): RequestOptions {
	if (legacyConcurrencyParameter === undefined) return readRequestOptions(ctx);
	const requestOptions = ctx.getNodeParameter('requestOptions', 0, {}) as IDataObject | null;
	const inRequestOptions = requestOptions?.concurrency !== undefined;
	return readRequestOptions(ctx, inRequestOptions ? {} : { concurrencyParameter: legacyConcurrencyParameter });
}

/**
 * The `execute` of a node that works item by item: options, concurrency,
 * per-record order, one credential read per item, Continue On Fail and paired
 * items. The node's own error (without Continue On Fail) is the first item's
 * that failed, as a NodeApiError or NodeOperationError.
 */
export async function runItems(this: IExecuteFunctions, runner: ItemRunner): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const failedJson = (error: Error) => (runner.failedJson ?? errorJson)(error);
	let options: RequestOptions;
	try {
		options = readOptions(this, runner.legacyConcurrencyParameter);
	} catch (error) {
		// A bad option concerns every item: under Continue On Fail each one says so.
		if (!this.continueOnFail()) throw new NodeOperationError(this.getNode(), error as Error);
		return [items.map((_, itemIndex) => ({ json: failedJson(error as Error), pairedItem: { item: itemIndex } }))];
	}

	let firstError: Error | undefined;
	const fail = (error: Error, itemIndex: number): INodeExecutionData[] => {
		if (this.continueOnFail()) return [{ json: failedJson(error), pairedItem: { item: itemIndex } }];
		firstError ??= error;
		return [];
	};
	const prepare = async (itemIndex: number): Promise<KeyedTask<INodeExecutionData[]>> => {
		let work: ItemWork;
		try {
			work = await runner.prepare(itemIndex, options);
		} catch (error) {
			work = { run: async () => await Promise.reject(error) };
		}
		return {
			key: work.recordKey,
			run: async () => {
				try {
					return (await work.run()).map((json) => ({ json, pairedItem: { item: itemIndex } }));
				} catch (error) {
					return fail(error as Error, itemIndex);
				} finally {
					releaseConnections(this, itemIndex);
				}
			},
		};
	};
	const perItem = await reuseConnections(
		this,
		async () => await runKeyedPool(items.length, options.concurrency, prepare, () => firstError !== undefined),
	);
	if (firstError) {
		if (firstError instanceof NodeApiError || firstError instanceof NodeOperationError) throw firstError;
		throw new NodeOperationError(this.getNode(), firstError);
	}
	return [perItem.flat()];
}

/** The `execute` of an action node: declarations in, items out. */
export async function runOperations(
	this: IExecuteFunctions,
	resources: ResourceDefinition[],
	transport: Transport,
): Promise<INodeExecutionData[][]> {
	return await runItems.call(this, {
		prepare: async (itemIndex, { retry }) => {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const definition: OperationDefinition | undefined = findOperation(resources, resource, operation);
			if (!definition) {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`, {
					itemIndex,
				});
			}
			// A number or date field whose expression resolved to something else: nothing is sent.
			const typed = typedValueProblem(definition.properties, (name) => {
				const value = this.getNodeParameter(name, itemIndex, NOT_SHOWN);
				return value === NOT_SHOWN ? undefined : value;
			});
			if (typed) {
				throw new NodeOperationError(this.getNode(), `The field "${typed.field}" ${typed.problem}`, {
					itemIndex,
					description: `Fix "${typed.field}" (parameter "${typed.parameter}") or the expression that fills it. Nothing was sent.`,
				});
			}
			const connection = await transport.connect(this, itemIndex);
			const params = new ItemParameters(this, itemIndex, definition.properties, connection);
			return {
				recordKey: definition.recordKey ? definition.recordKey(params) : writeRecordKey(definition, params),
				run: async () => await runOperation({ ctx: this, itemIndex, params, transport, retry, definition }),
			};
		},
	});
}
