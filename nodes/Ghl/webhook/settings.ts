/**
 * Reads and checks the GHL Trigger's parameters. Every problem is reported as
 * a message naming the field, so activation fails with a clear error instead
 * of every delivery being refused later.
 */
import type { IDataObject } from 'n8n-workflow';

import type { TriggerSettings, Verification, Source } from './handler';
import { HIGHLEVEL_RSA_PUBLIC_PEM } from './highLevelKeys';
import { parseCidrs } from './ipAllowlist';
import { DEFAULT_MAX_BODY_KILOBYTES, DEFAULT_MAX_JSON_DEPTH, MAX_JSON_DEPTH_LIMIT } from './body';
import { DEFAULT_TOLERANCE_MS } from './replay';
import { KeyConfigError, parsePublicKeys } from './signature';

export type ParameterReader = (name: string, fallback: unknown) => unknown;

/** The credential type holding the workflow webhook's shared secret (encrypted by n8n). */
export const WEBHOOK_SECRET_CREDENTIAL = 'ghlWebhookSecretApi';

/**
 * Where the shared secret comes from: the credential's data (undefined when
 * none is chosen), and whether the workflow still holds a value in the old
 * Shared Secret parameter (stored unencrypted in the workflow).
 */
export interface SharedSecretSource {
	credential?: { secret?: unknown; headerName?: unknown };
	legacyParameter?: boolean;
}

export const LEGACY_SECRET_MESSAGE =
	'Shared Secret is now kept in a credential: create a "GHL Webhook Shared Secret" credential with the same secret and header name, select it in this trigger under Credential to connect with, clear the old Shared Secret field (it is stored unencrypted in the workflow), then activate again';

/** A setting that cannot work; the message is meant for the user. */
export class TriggerSettingsError extends Error {}

function list(text: unknown): string[] {
	return String(text ?? '')
		.split(/[\s,;]+/)
		.map((v) => v.trim())
		.filter((v) => v !== '');
}

/** The settings, or the first problem with them (for the node to report as NodeOperationError). */
export function checkTriggerSettings(
	param: ParameterReader,
	sharedSecret: SharedSecretSource = {},
): { settings?: TriggerSettings; problem?: string } {
	try {
		return { settings: readTriggerSettings(param, sharedSecret) };
	} catch (error) {
		return {
			problem: error instanceof TriggerSettingsError ? error.message : `Unexpected settings problem: ${(error as Error).message}`,
		};
	}
}

/** The header name and secret of a GHL Webhook Shared Secret credential, checked. */
export function readSharedSecret(credential: NonNullable<SharedSecretSource['credential']>): { secretHeader: string; secret: string } {
	const secretHeader = String(credential.headerName ?? '').trim().toLowerCase() || 'x-webhook-secret';
	const secret = String(credential.secret ?? '');
	if (!/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(secretHeader)) {
		throw new TriggerSettingsError(`Header Name "${secretHeader}" in the GHL Webhook Shared Secret credential is not a valid HTTP header name`);
	}
	if (secret.trim() === '') {
		throw new TriggerSettingsError(
			'Shared Secret is empty in the GHL Webhook Shared Secret credential: set the secret the GHL workflow sends in the header',
		);
	}
	return { secretHeader, secret };
}

/** Whether the settings verify deliveries with the workflow webhook's shared secret. */
export function usesSharedSecret(param: ParameterReader): boolean {
	return String(param('source', 'app')) === 'workflow' && String(param('verification', 'sharedSecret')) === 'sharedSecret';
}

export function readTriggerSettings(param: ParameterReader, sharedSecret: SharedSecretSource = {}): TriggerSettings {
	const source = String(param('source', 'app')) as Source;
	const verification = String(param('verification', source === 'app' ? 'ed25519' : 'sharedSecret')) as Verification;
	const options = (param('options', {}) ?? {}) as IDataObject;

	const usesEd = verification === 'ed25519' || verification === 'ed25519OrRsa';
	const usesRsa = verification === 'rsa' || verification === 'ed25519OrRsa';

	let ed25519Keys: TriggerSettings['ed25519Keys'] = [];
	let rsaKeys: TriggerSettings['rsaKeys'] = [];
	let keyProblem = '';
	try {
		if (usesEd) ed25519Keys = parsePublicKeys(String(param('ed25519PublicKeys', '')), 'ed25519', 'Ed25519 Public Keys');
		if (usesRsa) {
			const builtIn = param('useHighLevelRsaKey', true) !== false;
			rsaKeys = [
				...(builtIn ? parsePublicKeys(HIGHLEVEL_RSA_PUBLIC_PEM, 'rsa', "HighLevel's RSA key") : []),
				...parsePublicKeys(String(param('rsaPublicKeys', '')), 'rsa', 'RSA Public Keys'),
			];
		}
	} catch (error) {
		keyProblem = error instanceof KeyConfigError ? error.message : `Public keys: ${(error as Error).message}`;
	}
	if (keyProblem) throw new TriggerSettingsError(keyProblem);
	if (verification === 'ed25519' && ed25519Keys.length === 0) {
		throw new TriggerSettingsError(
			"Ed25519 Public Keys is empty: paste HighLevel's Ed25519 public key (PEM) to verify x-ghl-signature, or choose another verification",
		);
	}
	if (verification === 'rsa' && rsaKeys.length === 0) {
		throw new TriggerSettingsError(
			"No RSA public key: turn on Use HighLevel's RSA Key or paste a key into RSA Public Keys",
		);
	}
	if (verification === 'ed25519OrRsa' && ed25519Keys.length === 0 && rsaKeys.length === 0) {
		throw new TriggerSettingsError('No public key configured for Ed25519 or RSA verification');
	}

	let secretHeader = '';
	let secret = '';
	if (verification === 'sharedSecret') {
		if (sharedSecret.legacyParameter) throw new TriggerSettingsError(LEGACY_SECRET_MESSAGE);
		const credential = sharedSecret.credential;
		if (!credential) {
			throw new TriggerSettingsError(
				'No GHL Webhook Shared Secret credential: select one under Credential to connect with (or create it with the secret the GHL workflow sends)',
			);
		}
		({ secretHeader, secret } = readSharedSecret(credential));
	}

	let ipAllowlist: TriggerSettings['ipAllowlist'] = [];
	let ipProblem = '';
	try {
		ipAllowlist = parseCidrs(String(options.ipAllowlist ?? ''));
	} catch (error) {
		ipProblem = (error as Error).message;
	}
	if (ipProblem) throw new TriggerSettingsError(`IP Allowlist: ${ipProblem}`);

	const toleranceSeconds = Number(options.timestampToleranceSeconds ?? DEFAULT_TOLERANCE_MS / 1000);
	if (!Number.isFinite(toleranceSeconds) || toleranceSeconds < 0) {
		throw new TriggerSettingsError('Timestamp Tolerance must be 0 (off) or a positive number of seconds');
	}

	const maxBodyKilobytes = Number(options.maxBodyKilobytes ?? DEFAULT_MAX_BODY_KILOBYTES);
	if (!Number.isFinite(maxBodyKilobytes) || maxBodyKilobytes < 1) {
		throw new TriggerSettingsError('Max Body Size must be at least 1 KB');
	}
	const maxJsonDepth = Number(options.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH);
	if (!Number.isInteger(maxJsonDepth) || maxJsonDepth < 1 || maxJsonDepth > MAX_JSON_DEPTH_LIMIT) {
		throw new TriggerSettingsError(`Max JSON Depth must be a whole number from 1 to ${MAX_JSON_DEPTH_LIMIT}`);
	}

	const events = source === 'app' ? (param('events', ['*']) as string[]) : [];
	if (source === 'app' && (!Array.isArray(events) || events.length === 0)) {
		throw new TriggerSettingsError('Events is empty: choose at least one event, or All Events');
	}

	return {
		source,
		events,
		locationIds: list(options.locationIds),
		verification,
		ed25519Keys,
		rsaKeys,
		secretHeader,
		secret,
		toleranceMs: toleranceSeconds * 1000,
		requireTimestamp: options.requireTimestamp === true,
		rejectReplays: options.rejectReplays !== false,
		ipAllowlist,
		maxBodyBytes: Math.floor(maxBodyKilobytes * 1024),
		maxJsonDepth,
		workflowEvent: source === 'workflow' ? String(param('workflowEvent', 'DocumentCompleted')) : '',
		eventField: source === 'workflow' ? String(param('eventField', 'customData.event')) : '',
	};
}
