/**
 * Operations that more than one GHL resource (or a mirrored pair of
 * operations) declare the same way. Each operation keeps its own file and
 * calls one of these factories with what differs; the factory returns a plain
 * OperationDefinition, so the runner, the describe builder and the catalog see
 * nothing special.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { ItemParameters, OperationDefinition } from '../../common/operation';
import { altOf, done, fieldsOf, requiredList } from '../helpers/request';
import { additionalFieldsCollection, contactIdField, idField, locationIdField, userField } from './common.descriptions';

/*
 * Workflow and campaign IDs are typed, not picked: HighLevel's reference names
 * GET /workflows/ and GET /campaigns/ only as scope endpoints (scopes.json),
 * with no documented request or response to build a list on.
 */
export const WORKFLOW_ID_DESCRIPTION =
	"The HighLevel workflow (automation) ID, e.g. from the workflow's address in HighLevel. Typed in: HighLevel's API reference documents no workflow list to pick from.";
export const CAMPAIGN_ID_DESCRIPTION =
	"The HighLevel campaign ID, e.g. from the campaign's address in HighLevel. Typed in: HighLevel's API reference documents no campaign list to pick from.";

/** A record that has followers: its ID field and the followers endpoint. */
export interface FollowersTarget {
	resource: string;
	/** The record with its article, for the action text: "a contact", "an opportunity". */
	noun: string;
	/** `/…/followers`: POST adds the users, DELETE removes them. */
	path: string;
	scopes: string[];
	idField: INodeProperties;
	/** The path parameters, read from the ID field. */
	pathParams(p: ItemParameters): Record<string, string>;
}

const followersField: INodeProperties = {
	displayName: 'Follower Names or IDs',
	name: 'followers',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getUsers' },
	required: true,
	default: [],
	description:
		'Users. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** Add Followers (POST) or Remove Followers (DELETE): body `{ followers: [userId, …] }`. */
export function followersOperation(change: 'add' | 'remove', target: FollowersTarget): OperationDefinition {
	const verb = change === 'add' ? 'Add followers to' : 'Remove followers from';
	return {
		resource: target.resource,
		operation: change === 'add' ? 'addFollowers' : 'removeFollowers',
		name: change === 'add' ? 'Add Followers' : 'Remove Followers',
		action: `${verb} ${target.noun}`,
		description: `${verb} ${target.noun} (users who get notified about it)`,
		method: change === 'add' ? 'POST' : 'DELETE',
		path: target.path,
		scopes: target.scopes,
		properties: [target.idField, followersField],
		request: (p) => ({
			pathParams: target.pathParams(p),
			body: { followers: requiredList(p, 'followers', 'Followers') },
		}),
	};
}

/** The two contact ↔ workflow operations: same path and fields, POST enrols, DELETE removes. */
const WORKFLOW_CHANGES = {
	add: {
		operation: 'addToWorkflow',
		name: 'Add to Workflow',
		action: 'Add a contact to a workflow',
		description: 'Enrol a contact in a workflow',
		method: 'POST',
	},
	remove: {
		operation: 'removeFromWorkflow',
		name: 'Remove From Workflow',
		action: 'Remove a contact from a workflow',
		description: 'Remove a contact from a workflow',
		method: 'DELETE',
	},
} as const;

/** Contact → Add to / Remove From Workflow: `/contacts/{contactId}/workflow/{workflowId}`, optional eventStartTime. */
export function contactWorkflowOperation(change: 'add' | 'remove'): OperationDefinition {
	return {
		resource: 'contact',
		...WORKFLOW_CHANGES[change],
		path: '/contacts/{contactId}/workflow/{workflowId}',
		scopes: ['contacts.write'],
		properties: [
			contactIdField,
			idField('Workflow ID', 'workflowId', WORKFLOW_ID_DESCRIPTION),
			{
				displayName: 'Event Start Time',
				name: 'eventStartTime',
				type: 'dateTime',
				default: '',
				description: 'When the workflow run starts (optional)',
			},
		],
		request: (p) => {
			const eventStartTime = p.optional('eventStartTime');
			return {
				pathParams: { contactId: p.pathId('contactId'), workflowId: p.pathId('workflowId') },
				body: eventStartTime ? { eventStartTime } : {},
			};
		},
		output: done((p) => ({ contactId: p.required('contactId'), workflowId: p.required('workflowId') })),
	};
}

/** What an estimate's or an invoice's Send declares; the rest is shared. */
export interface BillingSendSpec {
	resource: 'estimate' | 'invoice';
	action: string;
	description: string;
	/** POST path with the record's ID as its only parameter, named like `idField`. */
	path: string;
	scopes: string[];
	idField: INodeProperties;
	/** The resource's own Additional Fields. */
	additionalFields: INodeProperties[];
	/** Which of those are JSON text, sent parsed. */
	jsonFields: string[];
}

/**
 * Estimate → Send and Invoice → Send: the same SendInvoiceDto (altId/altType,
 * userId, action, liveMode, plus the resource's additional fields).
 */
export function billingSendOperation(spec: BillingSendSpec): OperationDefinition {
	const id = spec.idField.name;
	return {
		resource: spec.resource,
		operation: 'send',
		name: 'Send',
		action: spec.action,
		description: spec.description,
		method: 'POST',
		path: spec.path,
		scopes: spec.scopes,
		properties: [
			spec.idField,
			locationIdField,
			userField('Sent By (User) Name or ID', 'userId', true),
			{
				displayName: 'Send By',
				name: 'action',
				type: 'options',
				options: [
					{ name: 'Email', value: 'email' },
					{ name: 'SMS', value: 'sms' },
					{ name: 'SMS and Email', value: 'sms_and_email' },
					{ name: 'Manually (Mark as Sent)', value: 'send_manually' },
				],
				default: 'email',
			},
			{
				displayName: 'Live Mode',
				name: 'liveMode',
				type: 'boolean',
				default: true,
				description: `Whether this is a live (not test-mode) ${spec.resource}`,
			},
			additionalFieldsCollection(spec.additionalFields),
		],
		request: (p) => ({
			pathParams: { [id]: p.pathId(id) },
			body: {
				...altOf(p),
				userId: p.required('userId'),
				action: p.required('action'),
				liveMode: p.get<boolean>('liveMode', true),
				...fieldsOf(p, 'additionalFields', { json: spec.jsonFields }),
			},
		}),
	};
}
