import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import type { CloudflareEmulator } from '../emulator';
import { fixtures } from '../emulator';
import type { CredentialImport } from './n8n';

const examplesFolder = join(__dirname, '..', '..', 'examples');

/** The secrets the webhook examples' Header Auth credentials hold: what Okta and the ticket system send. */
export const WEBHOOK_SECRETS = {
	okta: 'okta-hook-secret-0c1f6e8a9b2d4e7f',
	ticket: 'ticket-hook-secret-5a7c9e1b3d4f6a8c',
};

/**
 * The credentials the examples refer to (by the ids in their JSON), with plain data as
 * `n8n import:credentials` takes it: the Cloudflare one points at the emulator.
 */
export function exampleCredentials(emulator: CloudflareEmulator): CredentialImport[] {
	return [
		{
			id: 'cfZeroTrustDemo01',
			name: 'Cloudflare Zero Trust account',
			type: 'cloudflareZeroTrustApi',
			data: {
				authType: 'apiToken',
				apiToken: fixtures.API_TOKEN,
				accountId: fixtures.ACCOUNT_ID,
				baseUrl: emulator.baseUrl,
			},
		},
		{
			id: 'oktaHookSecret01',
			name: 'Okta event hook secret',
			type: 'httpHeaderAuth',
			data: { name: 'Authorization', value: WEBHOOK_SECRETS.okta },
		},
		{
			id: 'ticketHookSecret',
			name: 'Ticket system webhook secret',
			type: 'httpHeaderAuth',
			data: { name: 'Authorization', value: WEBHOOK_SECRETS.ticket },
		},
	];
}

/**
 * An example workflow as a user imports it, with the `id` n8n should store it under. The examples
 * that call Cloudflare with n8n's HTTP Request node name the real API in their URLs: those point
 * at the emulator here, as the credential's API Base URL does for the Cloudflare Zero Trust node.
 */
export function loadExample(file: string, id: string, emulator: CloudflareEmulator): IDataObject {
	const text = readFileSync(join(examplesFolder, file), 'utf8').replaceAll(
		'https://api.cloudflare.com/client/v4',
		emulator.baseUrl,
	);
	return { ...JSON.parse(text), id };
}
