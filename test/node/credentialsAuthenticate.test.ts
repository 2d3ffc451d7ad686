/**
 * The harness applies credentials with a port of n8n's own authenticate step
 * (n8n-core and n8n-workflow export none; it lives in the `n8n` CLI package).
 * Here the port runs next to the real CredentialsHelper of the n8n that
 * `npm run test:n8n` installs into .cache/n8n; test:n8n repeats the same
 * comparison every time, so CI always holds the port to n8n.
 */
import { compareWithRealAuthenticate, installedN8n } from '../support/n8nAuthConformance';

const withN8n = installedN8n() ? it : it.skip;

describe("the harness's authenticate step is n8n's", () => {
	withN8n(
		'gives the same request options as n8n 2.40.7 CredentialsHelper.authenticate for every credential type (skipped until .cache/n8n is installed)',
		async () => {
			const report = await compareWithRealAuthenticate();
			expect(report.differences).toEqual([]);
			expect(report.types).toEqual(expect.arrayContaining(['ghlPrivateIntegrationApi', 'seventeenHatsApi', 'ghlOAuth2Api', 'ghlWebhookSecretApi']));
			expect(report.compared).toBeGreaterThanOrEqual(report.types.length * 2);
		},
		60_000,
	);
});
