/**
 * The one 17hats client of both nodes: one item's reads and writes, through
 * the shared 17hats transport (scopes, rate limit, retries, errors). In dry
 * run reads go out and every write throws DryRunWrite: callers check
 * `dryRun` first and report what they would have written.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationContext } from '../../common/operation';
import type { RetryPolicy } from '../../common/retry';
import type { ApiRequest } from '../../common/transport';
import { hatsTransport } from '../transport';
import { COLLECTIONS, LIST_PAGINATION, type CollectionName } from './collections';
import { conflictOf, type HatsErrorBody } from './errors';

/** Thrown when dry run reaches a write; never escapes a node. */
export class DryRunWrite extends Error {}

/** A create's answer: the new record, or 17hats' 409 duplicate_external_id naming the record that has the external id. */
export type CreateOutcome = { created: IDataObject } | { duplicateOf: string | undefined };

/** A conditional update's answer: the updated record, or 17hats' 409 modified (someone wrote it since it was read). */
export type UpdateOutcome = { updated: IDataObject } | { modified: true };

/** A conditional send's answer: the sent document, or 17hats' 409 already_sent. */
export type SendOutcome = { sent: IDataObject } | { alreadySent: { sentAt?: string } };

export class HatsClient {
	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly itemIndex: number,
		readonly dryRun = false,
		private readonly retry: Partial<RetryPolicy> = {},
	) {}

	/** The client of one 17hats node operation's item. */
	static forOperation(op: OperationContext): HatsClient {
		return new HatsClient(op.ctx, op.itemIndex, false, op.retry);
	}

	/** An error that fails this item. */
	failure(message: string, description?: string): NodeOperationError {
		return new NodeOperationError(this.ctx.getNode(), message, { itemIndex: this.itemIndex, description });
	}

	private live(what: string): void {
		if (this.dryRun) throw new DryRunWrite(`Dry run: ${what} was not sent`);
	}

	private base() {
		return { itemIndex: this.itemIndex, retry: this.retry };
	}

	/** The first record matching the filters, or undefined. */
	async findOne(name: CollectionName, qs: IDataObject): Promise<IDataObject | undefined> {
		const c = COLLECTIONS[name];
		const page = await hatsTransport.call<IDataObject>(this.ctx, {
			...this.base(),
			method: 'GET',
			path: c.path,
			qs: { ...qs, limit: 1 },
			scopes: [c.readScope],
		});
		return Array.isArray(page?.data) ? (page.data as IDataObject[])[0] : undefined;
	}

	/** Every record matching the filters, across pages. */
	async findAll(name: CollectionName, qs: IDataObject): Promise<IDataObject[]> {
		const c = COLLECTIONS[name];
		return await hatsTransport.all(this.ctx, { ...this.base(), method: 'GET', path: c.path, qs, scopes: [c.readScope] }, LIST_PAGINATION);
	}

	/** One record; a 404 fails as 17hats reports it. */
	async get(name: CollectionName, id: string): Promise<IDataObject> {
		const c = COLLECTIONS[name];
		return await hatsTransport.call<IDataObject>(this.ctx, {
			...this.base(),
			method: 'GET',
			path: `${c.path}/{id}`,
			pathParams: { id },
			scopes: [c.readScope],
		});
	}

	/** One record, or undefined when 17hats has none with this id. */
	async getIfExists(name: CollectionName, id: string): Promise<IDataObject | undefined> {
		const c = COLLECTIONS[name];
		const response = await hatsTransport.request<IDataObject>(this.ctx, {
			...this.base(),
			method: 'GET',
			path: `${c.path}/{id}`,
			pathParams: { id },
			scopes: [c.readScope],
			acceptStatus: [404],
		});
		return response.status === 404 ? undefined : response.body;
	}

	/**
	 * Creates a record. One carrying an external id is repeated after a lost
	 * answer like any idempotent request: 17hats cannot make a second record
	 * with that id, it answers 409 duplicate_external_id, which comes back as
	 * `duplicateOf` (any other failure, other 409s included, is 17hats' own).
	 */
	async create(name: CollectionName, body: IDataObject): Promise<CreateOutcome> {
		const c = COLLECTIONS[name];
		this.live(`POST ${c.path}`);
		const outcome = await this.postUnless('duplicate_external_id', {
			path: c.path,
			body,
			scopes: [c.writeScope],
			idempotent: typeof body.external_id === 'string' && body.external_id !== '',
		});
		if ('answer' in outcome) return { created: outcome.answer };
		const existingId = outcome.conflict.details.existing_id;
		return { duplicateOf: typeof existingId === 'string' && existingId !== '' ? existingId : undefined };
	}

	/** PATCHes the given fields (metadata as a whole: merge before). */
	async update(name: CollectionName, id: string, patch: IDataObject): Promise<IDataObject> {
		const c = COLLECTIONS[name];
		this.live(`PATCH ${c.path}/${id}`);
		return await hatsTransport.call<IDataObject>(this.ctx, {
			...this.base(),
			method: 'PATCH',
			path: `${c.path}/{id}`,
			pathParams: { id },
			body: patch,
			scopes: [c.writeScope],
		});
	}

	/**
	 * PATCHes the record only if 17hats still has it as it was read
	 * (`if_updated_at`): of several runs writing one record from the same read,
	 * one succeeds and the others get `modified` and read again. Repeated after
	 * a lost answer like any PATCH: the repeat finds the record changed (by the
	 * first attempt) and answers `modified`, which the caller's fresh read settles.
	 */
	async updateIfUnchanged(name: CollectionName, id: string, patch: IDataObject, updatedAt: string): Promise<UpdateOutcome> {
		const c = COLLECTIONS[name];
		this.live(`PATCH ${c.path}/${id}`);
		let failure: unknown;
		try {
			return {
				updated: await hatsTransport.call<IDataObject>(this.ctx, {
					...this.base(),
					method: 'PATCH',
					path: `${c.path}/{id}`,
					pathParams: { id },
					body: { ...patch, if_updated_at: updatedAt },
					scopes: [c.writeScope],
				}),
			};
		} catch (error) {
			failure = error;
		}
		// Any failure but `modified` is the transport's NodeApiError / NodeOperationError.
		if (conflictOf(failure, 'modified')) return { modified: true };
		throw failure;
	}

	async remove(name: CollectionName, id: string): Promise<void> {
		const c = COLLECTIONS[name];
		this.live(`DELETE ${c.path}/${id}`);
		await hatsTransport.call(this.ctx, { ...this.base(), method: 'DELETE', path: `${c.path}/{id}`, pathParams: { id }, scopes: [c.writeScope] });
	}

	/**
	 * POSTs to a record's sub-resource, e.g. `/contracts/{id}/documents`. Sent once
	 * (a POST is not repeated after a lost answer) unless the contract documents the
	 * action as idempotent, as it does attaching a document to a contract.
	 */
	async postTo(name: CollectionName, id: string, action: string, body?: IDataObject, opts: { idempotent?: boolean } = {}): Promise<IDataObject> {
		const c = COLLECTIONS[name];
		this.live(`POST ${c.path}/${id}/${action}`);
		return await hatsTransport.call<IDataObject>(this.ctx, {
			...this.base(),
			method: 'POST',
			path: `${c.path}/{id}/${action}`,
			pathParams: { id },
			body,
			scopes: [c.writeScope],
			...(opts.idempotent ? { idempotent: true } : {}),
		});
	}

	/**
	 * Sends a document unless 17hats shows it sent already (`if_unsent`): the
	 * check and the send are one step in 17hats, so the request is repeated
	 * after a lost answer like any idempotent one, and of racing runs exactly
	 * one sends. 409 `already_sent` comes back as an answer, not an error.
	 */
	async sendDocumentIfUnsent(documentId: string): Promise<SendOutcome> {
		const c = COLLECTIONS.documents;
		this.live(`POST ${c.path}/${documentId}/send`);
		const outcome = await this.postUnless('already_sent', {
			path: `${c.path}/{id}/send`,
			pathParams: { id: documentId },
			body: { if_unsent: true },
			scopes: [c.writeScope],
			idempotent: true,
		});
		if ('answer' in outcome) return { sent: outcome.answer };
		const sentAt = outcome.conflict.details.sent_at;
		return { alreadySent: { sentAt: typeof sentAt === 'string' ? sentAt : undefined } };
	}

	/** A POST whose 409 with `code` is an answer (the conflict's details); any other failure is the transport's error. */
	private async postUnless(
		code: string,
		req: Omit<ApiRequest, 'method' | 'itemIndex' | 'retry'>,
	): Promise<{ answer: IDataObject } | { conflict: HatsErrorBody }> {
		let failure: unknown;
		try {
			return { answer: await hatsTransport.call<IDataObject>(this.ctx, { ...this.base(), ...req, method: 'POST' }) };
		} catch (error) {
			failure = error;
		}
		const conflict = conflictOf(failure, code);
		if (!conflict) throw failure;
		return { conflict };
	}
}
