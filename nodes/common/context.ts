import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ApiContext } from './transport';

/**
 * Reads a node parameter from any kind of context: execute contexts take an
 * item index, the others (poll, webhook, hooks, load options) do not.
 */
export function nodeParameter<T>(ctx: ApiContext, name: string, itemIndex: number, fallback: T): T {
	if ('getInputData' in ctx) {
		return (ctx as IExecuteFunctions).getNodeParameter(name, itemIndex, fallback as unknown as IDataObject) as T;
	}
	return (ctx.getNodeParameter as (name: string, fallback?: unknown) => unknown)(name, fallback) as T;
}
