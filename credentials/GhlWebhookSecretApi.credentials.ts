import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The shared secret a GHL workflow's Webhook action sends in a header, for the
 * GHL Trigger (Source: GHL Workflow, Verification: Shared Secret Header). Kept
 * here so n8n stores it encrypted, like every other secret, instead of in the
 * workflow. Nothing to test against: the trigger compares it with each delivery.
 */
export class GhlWebhookSecretApi implements ICredentialType {
	name = 'ghlWebhookSecretApi';

	displayName = 'GHL Webhook Shared Secret API';

	icon = 'file:../icons/ghlWebhookSecret.svg' as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-ghl-17hats#receiving-ghl-events';

	properties: INodeProperties[] = [
		{
			displayName: 'Shared Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The value the GHL workflow's Webhook action sends in the header below; use a long random string (e.g. 32+ characters)",
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'x-webhook-secret',
			required: true,
			description: "The header you add in the Webhook action's Headers, carrying the secret",
		},
	];
}
