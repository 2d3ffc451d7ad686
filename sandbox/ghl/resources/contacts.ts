/**
 * Contacts API (openapi/contacts.json): CRUD, upsert, cursor list, advanced
 * search, duplicate lookup, tags, notes, tasks, workflows.
 * Changes emit the matching webhook events (ContactCreate/Update/Delete,
 * ContactTagUpdate, ContactDndUpdate, Note*, Task*).
 */
import { badRequest, unprocessable } from '../errors';
import { ghlId } from '../ids';
import type { Contact, CustomFieldValue, GhlStore, Note, Task } from '../store';
import {
	bodyOf,
	checkLocation,
	compact,
	created,
	intParam,
	locationFromQuery,
	nowIso,
	ok,
	pick,
	requireFields,
	str,
	textMatch,
	type RouteContext,
	type RouteDef,
} from './kit';

/** Writable contact fields (CreateContactDto / UpdateContactDto), minus the ones handled specially. */
const CONTACT_FIELDS = [
	'firstName',
	'lastName',
	'name',
	'email',
	'phone',
	'companyName',
	'address1',
	'city',
	'state',
	'postalCode',
	'country',
	'website',
	'timezone',
	'dnd',
	'dndSettings',
	'source',
	'assignedTo',
	'dateOfBirth',
] as const;

/** GetContectByIdSchema view: the record plus GHL's derived lower-case fields. */
export function contactView(c: Contact): Record<string, unknown> {
	const name = c.name ?? ([c.firstName, c.lastName].filter(Boolean).join(' ') || undefined);
	return compact({
		id: c.id,
		name,
		locationId: c.locationId,
		firstName: c.firstName,
		lastName: c.lastName,
		email: c.email,
		emailLowerCase: c.email?.toLowerCase(),
		timezone: c.timezone,
		companyName: c.companyName,
		phone: c.phone,
		dnd: c.dnd,
		dndSettings: c.dndSettings,
		type: c.type,
		source: c.source,
		assignedTo: c.assignedTo,
		address1: c.address1,
		city: c.city,
		state: c.state,
		country: c.country,
		postalCode: c.postalCode,
		website: c.website,
		tags: [...c.tags],
		dateOfBirth: c.dateOfBirth,
		dateAdded: c.dateAdded,
		dateUpdated: c.dateUpdated,
		firstNameLowerCase: c.firstName?.toLowerCase(),
		lastNameLowerCase: c.lastName?.toLowerCase(),
		fullNameLowerCase: name?.toLowerCase(),
		customFields: c.customFields.map((f) => ({ ...f })),
		followers: [...c.followers],
	});
}

function getContact(ctx: RouteContext, id: string): Contact {
	const c = ctx.store.contacts.get(id);
	// GHL answers 400 "Contact not found" (not 404) for unknown ids.
	if (!c || c.locationId !== ctx.locationId) throw badRequest('Contact not found');
	return c;
}

/**
 * customFields input: `{ id | key, field_value | value }` (TextField, ... in the spec).
 * Keys may be 'contact.my_field' or 'my_field'. Empty values clear the field.
 * An id or key that is not a custom field of the record's model is a 422:
 * GHL would not store it, and silently dropping it hides a mapping mistake.
 */
export function applyCustomFields(store: GhlStore, current: CustomFieldValue[], input: unknown, model = 'contact'): CustomFieldValue[] {
	if (input === undefined) return current;
	if (!Array.isArray(input)) throw unprocessable('customFields must be an array');
	const out = current.map((f) => ({ ...f }));
	const known = store.customFields.values().filter((f) => f.model === model);
	const unknown: string[] = [];
	input.forEach((raw, i) => {
		if (!raw || typeof raw !== 'object') throw unprocessable('each value in customFields must be an object');
		const item = raw as Record<string, unknown>;
		const givenId = str(item.id);
		const key = str(item.key);
		const fieldKey = key && (key.includes('.') ? key : `${model}.${key}`);
		const id = givenId ? known.find((f) => f.id === givenId)?.id : known.find((f) => f.fieldKey === fieldKey)?.id;
		if (!id) {
			unknown.push(givenId ? `customFields.${i}.id ${givenId} is not a ${model} custom field of this location` : `customFields.${i}.key ${key ?? ''} is not a ${model} custom field of this location`);
			return;
		}
		const value = item.field_value !== undefined ? item.field_value : item.value;
		const idx = out.findIndex((f) => f.id === id);
		if (value === undefined || value === null || value === '') {
			if (idx >= 0) out.splice(idx, 1);
		} else if (idx >= 0) out[idx].value = value;
		else out.push({ id, value });
	});
	if (unknown.length) throw unprocessable(...unknown);
	return out;
}

function normaliseTags(v: unknown): string[] {
	if (v === undefined) return [];
	if (!Array.isArray(v) || v.some((t) => typeof t !== 'string')) throw unprocessable('each value in tags must be a string');
	// GHL stores tags lower-cased and trimmed.
	return [...new Set((v as string[]).map((t) => t.trim().toLowerCase()).filter(Boolean))];
}

function ensureLocationTags(ctx: RouteContext, tags: string[]): void {
	for (const t of tags) {
		if (!ctx.store.tags.values().some((x) => x.name === t)) {
			const id = ghlId();
			ctx.store.tags.set(id, { id, locationId: ctx.locationId, name: t });
		}
	}
}

function findDuplicate(store: GhlStore, email?: string, phone?: string, exceptId?: string): { contact: Contact; field: string } | undefined {
	for (const c of store.contacts.values()) {
		if (c.id === exceptId) continue;
		if (email && c.email && c.email.toLowerCase() === email.toLowerCase()) return { contact: c, field: 'email' };
		if (phone && c.phone && digits(c.phone) === digits(phone)) return { contact: c, field: 'phone' };
	}
	return undefined;
}

const digits = (s: string) => s.replace(/\D/g, '');

function duplicateError(dup: { contact: Contact; field: string }) {
	return badRequest('This location does not allow duplicated contacts.', {
		meta: { contactName: contactView(dup.contact).name, contactId: dup.contact.id, matchingField: dup.field },
	});
}

function newContact(ctx: RouteContext, body: Record<string, unknown>): Contact {
	const now = nowIso();
	const tags = normaliseTags(body.tags);
	const c: Contact = {
		id: ghlId(),
		locationId: ctx.locationId,
		...pick<Contact>(body, CONTACT_FIELDS),
		dnd: body.dnd === true,
		type: 'lead',
		tags,
		customFields: applyCustomFields(ctx.store, [], body.customFields),
		dateAdded: now,
		dateUpdated: now,
		followers: [],
		workflows: [],
	};
	if (typeof c.email === 'string') c.email = c.email.trim();
	ensureLocationTags(ctx, tags);
	return c;
}

/** Applies an update body; returns which event families changed. */
function updateContact(ctx: RouteContext, c: Contact, body: Record<string, unknown>): { tags: boolean; dnd: boolean } {
	const before = { tags: JSON.stringify(c.tags), dnd: JSON.stringify([c.dnd, c.dndSettings]) };
	// Everything that can refuse the body runs before the contact changes.
	const customFields = applyCustomFields(ctx.store, c.customFields, body.customFields);
	const tags = body.tags !== undefined ? normaliseTags(body.tags) : undefined;
	Object.assign(c, pick<Contact>(body, CONTACT_FIELDS));
	for (const k of CONTACT_FIELDS) if (body[k] === null) delete (c as unknown as Record<string, unknown>)[k];
	if (tags) {
		// PUT replaces the tag list (GHL docs: "this will overwrite all existing tags").
		c.tags = tags;
		ensureLocationTags(ctx, c.tags);
	}
	c.customFields = customFields;
	if (typeof c.dnd !== 'boolean') c.dnd = false;
	c.dateUpdated = nowIso();
	return { tags: JSON.stringify(c.tags) !== before.tags, dnd: JSON.stringify([c.dnd, c.dndSettings]) !== before.dnd };
}

function emitUpdate(ctx: RouteContext, c: Contact, changed: { tags: boolean; dnd: boolean }): void {
	ctx.events.emit('ContactUpdate', contactView(c));
	if (changed.tags) ctx.events.emit('ContactTagUpdate', contactView(c));
	if (changed.dnd) ctx.events.emit('ContactDndUpdate', contactView(c));
}

// ---------- cursor list and search ----------

const dateMs = (iso: string) => Date.parse(iso);

function sortByDateAdded(list: Contact[]): Contact[] {
	return [...list].sort((a, b) => dateMs(a.dateAdded) - dateMs(b.dateAdded) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** GET /contacts/: oldest first, cursor = (startAfter = dateAdded ms, startAfterId). */
function listContacts(ctx: RouteContext) {
	const locationId = locationFromQuery(ctx);
	const limit = intParam(ctx, 'limit', { def: 20, min: 1, max: 100 });
	const q = ctx.req.query.get('query');
	const startAfterId = ctx.req.query.get('startAfterId');
	const startAfterRaw = ctx.req.query.get('startAfter');
	const all = sortByDateAdded(
		ctx.store.contacts.values().filter((c) => c.locationId === locationId && textMatch(q, c.firstName, c.lastName, c.name, c.email, c.phone, c.companyName, [c.firstName, c.lastName].join(' '))),
	);
	let start = 0;
	if (startAfterId || startAfterRaw) {
		const after = startAfterRaw ? Number(startAfterRaw) : undefined;
		if (startAfterRaw && !Number.isFinite(after)) throw unprocessable('startAfter must be a number');
		const anchor = startAfterId ? all.find((c) => c.id === startAfterId) : undefined;
		const afterMs = after ?? (anchor ? dateMs(anchor.dateAdded) : -Infinity);
		const afterId = startAfterId ?? '';
		start = all.findIndex((c) => dateMs(c.dateAdded) > afterMs || (dateMs(c.dateAdded) === afterMs && c.id > afterId));
		if (start < 0) start = all.length;
	}
	const page = all.slice(start, start + limit);
	const more = start + limit < all.length;
	const last = page[page.length - 1];
	const currentPage = Math.floor(start / limit) + 1;
	const meta: Record<string, unknown> = { total: all.length, currentPage, prevPage: currentPage > 1 ? currentPage - 1 : null };
	if (last) {
		meta.startAfterId = last.id;
		meta.startAfter = dateMs(last.dateAdded);
	}
	if (more && last) {
		const next = new URL('/contacts/', ctx.baseUrl);
		next.searchParams.set('locationId', locationId);
		next.searchParams.set('startAfter', String(dateMs(last.dateAdded)));
		next.searchParams.set('startAfterId', last.id);
		next.searchParams.set('limit', String(limit));
		if (q) next.searchParams.set('query', q);
		meta.nextPageUrl = next.toString();
		meta.nextPage = currentPage + 1;
	}
	return ok({ contacts: page.map(contactView), count: all.length, meta });
}

type Filter = { field?: string; operator?: string; value?: unknown; group?: string; filters?: Filter[] };

function fieldValue(c: Contact, field: string): unknown {
	const m = /^customFields?\.(.+)$/.exec(field);
	if (m) return c.customFields.find((f) => f.id === m[1])?.value;
	const view = contactView(c);
	if (field in view) return view[field];
	// search docs use lower-case aliases such as firstNameLowerCase; also accept "contactName"
	if (field === 'contactName') return view.name;
	return undefined;
}

function cmp(a: unknown, b: unknown): number {
	const an = typeof a === 'number' ? a : typeof a === 'string' && /^\d{4}-\d{2}-\d{2}/.test(a) ? Date.parse(a) : a;
	const bn = typeof b === 'number' ? b : typeof b === 'string' && /^\d{4}-\d{2}-\d{2}/.test(b) ? Date.parse(b) : b;
	if (typeof an === 'number' && typeof bn === 'number') return an - bn;
	return String(a ?? '').toLowerCase().localeCompare(String(b ?? '').toLowerCase());
}

function matches(c: Contact, f: Filter): boolean {
	if (f.group) {
		const subs = f.filters ?? [];
		return f.group.toUpperCase() === 'OR' ? subs.some((s) => matches(c, s)) : subs.every((s) => matches(c, s));
	}
	if (!f.field || !f.operator) throw unprocessable('each filter needs field and operator (or group and filters)');
	const v = fieldValue(c, f.field);
	const values = Array.isArray(v) ? v : [v];
	const eq = (x: unknown, y: unknown) => String(x ?? '').toLowerCase() === String(y ?? '').toLowerCase();
	const wanted = Array.isArray(f.value) ? f.value : [f.value];
	switch (f.operator) {
		case 'eq':
			return values.some((x) => wanted.some((y) => eq(x, y)));
		case 'not_eq':
			return !values.some((x) => wanted.some((y) => eq(x, y)));
		case 'contains':
			return values.some((x) => String(x ?? '').toLowerCase().includes(String(f.value ?? '').toLowerCase()));
		case 'not_contains':
			return !values.some((x) => String(x ?? '').toLowerCase().includes(String(f.value ?? '').toLowerCase()));
		case 'exists':
			return v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);
		case 'not_exists':
			return v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
		case 'range': {
			const r = (f.value ?? {}) as Record<string, unknown>;
			return (
				(r.gt === undefined || cmp(v, r.gt) > 0) &&
				(r.gte === undefined || cmp(v, r.gte) >= 0) &&
				(r.lt === undefined || cmp(v, r.lt) < 0) &&
				(r.lte === undefined || cmp(v, r.lte) <= 0)
			);
		}
		default:
			throw unprocessable(`operator ${f.operator} is not supported`);
	}
}

/** POST /contacts/search: filters + sort, page/pageLimit or searchAfter. */
function searchContacts(ctx: RouteContext) {
	const body = bodyOf(ctx);
	checkLocation(ctx, str(body.locationId));
	const pageLimit = body.pageLimit === undefined ? 20 : Number(body.pageLimit);
	if (!Number.isInteger(pageLimit) || pageLimit < 1 || pageLimit > 500) throw unprocessable('pageLimit must be between 1 and 500');
	const page = body.page === undefined ? 1 : Number(body.page);
	if (!Number.isInteger(page) || page < 1) throw unprocessable('page must not be less than 1');
	const filters = (body.filters ?? []) as Filter[];
	if (!Array.isArray(filters)) throw unprocessable('filters must be an array');
	const sort = ((body.sort ?? [{ field: 'dateAdded', direction: 'desc' }]) as Array<{ field: string; direction?: string }>).slice(0, 2);
	const q = str(body.query);

	const sortKey = (c: Contact): unknown[] => [...sort.map((s) => sortValue(fieldValue(c, s.field))), c.id];
	const compareKeys = (a: unknown[], b: unknown[]) => {
		for (let i = 0; i < a.length; i++) {
			const dir = i < sort.length && (sort[i].direction ?? 'asc').toLowerCase() === 'desc' ? -1 : 1;
			const d = cmp(a[i], b[i]);
			if (d !== 0) return d * dir;
		}
		return 0;
	};
	const all = ctx.store.contacts
		.values()
		.filter((c) => c.locationId === ctx.locationId)
		.filter((c) => textMatch(q, c.firstName, c.lastName, c.email, c.phone, c.companyName, [c.firstName, c.lastName].join(' ')))
		.filter((c) => filters.every((f) => matches(c, f)))
		.map((c) => ({ c, key: sortKey(c) }))
		.sort((a, b) => compareKeys(a.key, b.key));

	let start: number;
	if (body.searchAfter !== undefined) {
		if (!Array.isArray(body.searchAfter)) throw unprocessable('searchAfter must be an array');
		const after = body.searchAfter as unknown[];
		start = all.findIndex((x) => compareKeys(x.key, after) > 0);
		if (start < 0) start = all.length;
	} else {
		// GHL caps standard pagination at 10,000 records; deeper pages need searchAfter.
		if (page * pageLimit > 10000) throw badRequest('Standard pagination is limited to 10000 records; use searchAfter.');
		start = (page - 1) * pageLimit;
	}
	const slice = all.slice(start, start + pageLimit);
	return ok({
		contacts: slice.map(({ c, key }) => ({ ...contactView(c), searchAfter: key })),
		total: all.length,
	});
}

function sortValue(v: unknown): unknown {
	if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return Date.parse(v);
	if (Array.isArray(v)) return v.join(',');
	return v ?? '';
}

// ---------- notes and tasks ----------

function noteView(n: Note) {
	return compact({ ...n });
}

function taskView(t: Task) {
	return compact({ ...t });
}

function getNote(ctx: RouteContext): Note {
	const c = getContact(ctx, ctx.req.params.contactId);
	const n = ctx.store.notes.get(ctx.req.params.id);
	if (!n || n.contactId !== c.id) throw badRequest('Note not found');
	return n;
}

function getTask(ctx: RouteContext): Task {
	const c = getContact(ctx, ctx.req.params.contactId);
	const t = ctx.store.tasks.get(ctx.req.params.taskId);
	if (!t || t.contactId !== c.id) throw badRequest('Task not found');
	return t;
}

const noteEvent = (ctx: RouteContext, n: Note) => ({ id: n.id, locationId: ctx.locationId, body: n.body, contactId: n.contactId, dateAdded: n.dateAdded });
const taskEvent = (ctx: RouteContext, t: Task) => ({ locationId: ctx.locationId, ...taskView(t) });

const NOTE_FIELDS = ['userId', 'body', 'title', 'color', 'pinned'] as const;
const TASK_FIELDS = ['title', 'body', 'dueDate', 'completed', 'assignedTo'] as const;

export const contactRoutes: RouteDef[] = [
	{ method: 'GET', path: '/contacts/', handler: listContacts },
	{ method: 'POST', path: '/contacts/search', handler: searchContacts },
	{
		method: 'GET',
		path: '/contacts/search/duplicate',
		handler: (ctx) => {
			locationFromQuery(ctx);
			const email = ctx.req.query.get('email') ?? undefined;
			const number = ctx.req.query.get('number') ?? undefined;
			if (!email && !number) throw badRequest('Either email or number is required');
			const dup = findDuplicate(ctx.store, email, number);
			return ok({ contact: dup ? contactView(dup.contact) : null });
		},
	},
	{
		method: 'POST',
		path: '/contacts/',
		handler: (ctx) => {
			const body = bodyOf(ctx);
			checkLocation(ctx, str(body.locationId));
			if (!ctx.store.location.settings.allowDuplicateContact) {
				const dup = findDuplicate(ctx.store, str(body.email), str(body.phone));
				if (dup) throw duplicateError(dup);
			}
			const c = newContact(ctx, body);
			// The answer is built before the record is kept: a record it cannot show never enters the store.
			const view = contactView(c);
			ctx.store.contacts.set(c.id, c);
			ctx.events.emit('ContactCreate', view);
			return created({ contact: view });
		},
	},
	{
		method: 'POST',
		path: '/contacts/upsert',
		handler: (ctx) => {
			const body = bodyOf(ctx);
			checkLocation(ctx, str(body.locationId));
			// Matches on email first, then phone (the location's duplicate settings).
			const dup = body.createNewIfDuplicateAllowed === true ? undefined : findDuplicate(ctx.store, str(body.email), str(body.phone));
			if (dup) {
				const changed = updateContact(ctx, dup.contact, body);
				emitUpdate(ctx, dup.contact, changed);
				return ok({ new: false, contact: contactView(dup.contact), traceId: ghlId() });
			}
			const c = newContact(ctx, body);
			const view = contactView(c);
			ctx.store.contacts.set(c.id, c);
			ctx.events.emit('ContactCreate', view);
			return ok({ new: true, contact: view, traceId: ghlId() });
		},
	},
	{ method: 'GET', path: '/contacts/:contactId', handler: (ctx) => ok({ contact: contactView(getContact(ctx, ctx.req.params.contactId)) }) },
	{
		method: 'PUT',
		path: '/contacts/:contactId',
		handler: (ctx) => {
			const c = getContact(ctx, ctx.req.params.contactId);
			const body = bodyOf(ctx);
			if (!ctx.store.location.settings.allowDuplicateContact && (body.email || body.phone)) {
				const dup = findDuplicate(ctx.store, str(body.email), str(body.phone), c.id);
				if (dup) throw duplicateError(dup);
			}
			const changed = updateContact(ctx, c, body);
			emitUpdate(ctx, c, changed);
			return ok({ succeded: true, contact: contactView(c) });
		},
	},
	{
		method: 'DELETE',
		path: '/contacts/:contactId',
		handler: (ctx) => {
			const c = getContact(ctx, ctx.req.params.contactId);
			ctx.store.contacts.delete(c.id);
			for (const n of ctx.store.notes.values()) if (n.contactId === c.id) ctx.store.notes.delete(n.id);
			for (const t of ctx.store.tasks.values()) if (t.contactId === c.id) ctx.store.tasks.delete(t.id);
			ctx.events.emit('ContactDelete', contactView(c));
			return ok({ succeded: true });
		},
	},

	// tags
	{
		method: 'POST',
		path: '/contacts/:contactId/tags',
		handler: (ctx) => {
			const c = getContact(ctx, ctx.req.params.contactId);
			const body = bodyOf(ctx);
			requireFields(body, 'tags');
			const add = normaliseTags(body.tags);
			const before = c.tags.length;
			c.tags = [...new Set([...c.tags, ...add])];
			ensureLocationTags(ctx, add);
			if (c.tags.length !== before) {
				c.dateUpdated = nowIso();
				ctx.events.emit('ContactTagUpdate', contactView(c));
			}
			return created({ tags: [...c.tags] });
		},
	},
	{
		method: 'DELETE',
		path: '/contacts/:contactId/tags',
		handler: (ctx) => {
			const c = getContact(ctx, ctx.req.params.contactId);
			const body = bodyOf(ctx);
			requireFields(body, 'tags');
			const remove = new Set(normaliseTags(body.tags));
			const before = c.tags.length;
			c.tags = c.tags.filter((t) => !remove.has(t));
			if (c.tags.length !== before) {
				c.dateUpdated = nowIso();
				ctx.events.emit('ContactTagUpdate', contactView(c));
			}
			return ok({ tags: [...c.tags] });
		},
	},

	// notes
	{
		method: 'GET',
		path: '/contacts/:contactId/notes',
		handler: (ctx) => {
			const c = getContact(ctx, ctx.req.params.contactId);
			return ok({ notes: ctx.store.notes.values().filter((n) => n.contactId === c.id).map(noteView) });
		},
	},
	{
		method: 'POST',
		path: '/contacts/:contactId/notes',
		handler: (ctx) => {
			const c = getContact(ctx, ctx.req.params.contactId);
			const body = bodyOf(ctx);
			requireFields(body, 'body');
			const n: Note = { id: ghlId(), contactId: c.id, body: String(body.body), ...pick<Note>(body, ['userId', 'title', 'color', 'pinned']), dateAdded: nowIso() };
			ctx.store.notes.set(n.id, n);
			ctx.events.emit('NoteCreate', noteEvent(ctx, n));
			return created({ note: noteView(n) });
		},
	},
	{ method: 'GET', path: '/contacts/:contactId/notes/:id', handler: (ctx) => ok({ note: noteView(getNote(ctx)) }) },
	{
		method: 'PUT',
		path: '/contacts/:contactId/notes/:id',
		handler: (ctx) => {
			const n = getNote(ctx);
			Object.assign(n, pick<Note>(bodyOf(ctx), NOTE_FIELDS));
			ctx.events.emit('NoteUpdate', noteEvent(ctx, n));
			return ok({ note: noteView(n) });
		},
	},
	{
		method: 'DELETE',
		path: '/contacts/:contactId/notes/:id',
		handler: (ctx) => {
			const n = getNote(ctx);
			ctx.store.notes.delete(n.id);
			ctx.events.emit('NoteDelete', noteEvent(ctx, n));
			return ok({ succeded: true });
		},
	},

	// tasks
	{
		method: 'GET',
		path: '/contacts/:contactId/tasks',
		handler: (ctx) => {
			const c = getContact(ctx, ctx.req.params.contactId);
			return ok({ tasks: ctx.store.tasks.values().filter((t) => t.contactId === c.id).map(taskView) });
		},
	},
	{
		method: 'POST',
		path: '/contacts/:contactId/tasks',
		handler: (ctx) => {
			const c = getContact(ctx, ctx.req.params.contactId);
			const body = bodyOf(ctx);
			requireFields(body, 'title', 'dueDate');
			if (typeof body.completed !== 'boolean') throw unprocessable('completed must be a boolean value');
			const t: Task = {
				id: ghlId(),
				contactId: c.id,
				title: String(body.title),
				dueDate: String(body.dueDate),
				completed: body.completed,
				...pick<Task>(body, ['body', 'assignedTo']),
				dateAdded: nowIso(),
			};
			ctx.store.tasks.set(t.id, t);
			ctx.events.emit('TaskCreate', taskEvent(ctx, t));
			if (t.completed) ctx.events.emit('TaskComplete', taskEvent(ctx, t));
			return created({ task: taskView(t) });
		},
	},
	{ method: 'GET', path: '/contacts/:contactId/tasks/:taskId', handler: (ctx) => ok({ task: taskView(getTask(ctx)) }) },
	{
		method: 'PUT',
		path: '/contacts/:contactId/tasks/:taskId',
		handler: (ctx) => {
			const t = getTask(ctx);
			const wasDone = t.completed;
			Object.assign(t, pick<Task>(bodyOf(ctx), TASK_FIELDS));
			if (!wasDone && t.completed) ctx.events.emit('TaskComplete', taskEvent(ctx, t));
			return ok({ task: taskView(t) });
		},
	},
	{
		method: 'PUT',
		path: '/contacts/:contactId/tasks/:taskId/completed',
		handler: (ctx) => {
			const t = getTask(ctx);
			const body = bodyOf(ctx);
			if (typeof body.completed !== 'boolean') throw unprocessable('completed must be a boolean value');
			const wasDone = t.completed;
			t.completed = body.completed;
			if (!wasDone && t.completed) ctx.events.emit('TaskComplete', taskEvent(ctx, t));
			return ok({ task: taskView(t) });
		},
	},
	{
		method: 'DELETE',
		path: '/contacts/:contactId/tasks/:taskId',
		handler: (ctx) => {
			const t = getTask(ctx);
			ctx.store.tasks.delete(t.id);
			ctx.events.emit('TaskDelete', taskEvent(ctx, t));
			return ok({ succeded: true });
		},
	},

	// workflows
	{
		method: 'POST',
		path: '/contacts/:contactId/workflow/:workflowId',
		handler: (ctx) => {
			const c = getContact(ctx, ctx.req.params.contactId);
			if (!c.workflows.includes(ctx.req.params.workflowId)) c.workflows.push(ctx.req.params.workflowId);
			return ok({ succeded: true });
		},
	},
	{
		method: 'DELETE',
		path: '/contacts/:contactId/workflow/:workflowId',
		handler: (ctx) => {
			const c = getContact(ctx, ctx.req.params.contactId);
			c.workflows = c.workflows.filter((w) => w !== ctx.req.params.workflowId);
			return ok({ succeded: true });
		},
	},
];
