/**
 * The one per-item loop every action node uses: resolve the operation, run it
 * for each input item with bounded concurrency, keep paired items, and turn a
 * failure into an error on that item (continueOnFail) or stop the node.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ItemParameters, type OperationContext, type OperationDefinition, type ResourceDefinition } from './operation';
import type { Transport } from './transport';
import { readRequestOptions, type RequestOptions } from './requestOptions';
import { missingScopes } from './scopes';

export { DEFAULT_CONCURRENCY } from './requestOptions';

/** Runs `work` for indexes 0..count-1, at most `limit` at once; results keep their index. */
export async function mapBounded<T>(
	count: number,
	limit: number,
	work: (index: number) => Promise<T>,
	shouldStop: () => boolean = () => false,
): Promise<T[]> {
	const results = new Array<T>(count);
	let next = 0;
	const lanes = Array.from({ length: Math.max(1, Math.min(limit, count)) }, async () => {
		while (next < count && !shouldStop()) {
			const index = next++;
			results[index] = await work(index);
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

/** The `execute` of an action node: declarations in, items out. */
export async function runOperations(
	this: IExecuteFunctions,
	resources: ResourceDefinition[],
	transport: Transport,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	let options: RequestOptions;
	try {
		options = readRequestOptions(this);
	} catch (error) {
		// A bad option concerns every item: under Continue On Fail each one says so.
		if (!this.continueOnFail()) throw new NodeOperationError(this.getNode(), error as Error);
		return [items.map((_, itemIndex) => ({ json: errorJson(error as Error), pairedItem: { item: itemIndex } }))];
	}
	const { concurrency, retry } = options;

	let firstError: Error | undefined;
	const perItem = await mapBounded(
		items.length,
		concurrency,
		async (itemIndex): Promise<INodeExecutionData[]> => {
			try {
				const resource = this.getNodeParameter('resource', itemIndex) as string;
				const operation = this.getNodeParameter('operation', itemIndex) as string;
				const definition: OperationDefinition | undefined = findOperation(resources, resource, operation);
				if (!definition) {
					throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`, {
						itemIndex,
					});
				}
				const connection = await transport.connect(this, itemIndex);
				const params = new ItemParameters(this, itemIndex, definition.properties, connection);
				const results = await runOperation({ ctx: this, itemIndex, params, transport, retry, definition });
				return results.map((json) => ({ json, pairedItem: { item: itemIndex } }));
			} catch (error) {
				if (this.continueOnFail()) {
					return [{ json: errorJson(error as Error), pairedItem: { item: itemIndex } }];
				}
				firstError ??= error as Error;
				return [];
			}
		},
		() => firstError !== undefined,
	);
	if (firstError) {
		if (firstError instanceof NodeApiError || firstError instanceof NodeOperationError) throw firstError;
		throw new NodeOperationError(this.getNode(), firstError);
	}
	return [perItem.flat()];
}
