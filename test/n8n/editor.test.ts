/**
 * What the editor asks a running n8n for: the node and credential types (with the icon URLs it then
 * loads) and "Test" in the credential dialog, sent to `n8n start` on loopback as the browser sends
 * them, with the packed package installed as a community package.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

import { fixtures } from '../emulator';
import { useTestbed } from './testbed';

const testbed = useTestbed({ start: true });
const { emulator } = testbed;

const PACKAGE = 'n8n-nodes-cloudflare-zero-trust';
const NODE_TYPE = `${PACKAGE}.cloudflareZeroTrust`;
const root = join(__dirname, '..', '..');

interface TypeDescription {
	name: string;
	displayName: string;
	iconUrl?: { light: string; dark: string };
	[key: string]: unknown;
}

async function typesOf(kind: 'nodes' | 'credentials', names: string[]): Promise<TypeDescription[]> {
	const response = await testbed.server.request<TypeDescription[]>('GET', `/types/${kind}.json`);
	expect(response.status).toBe(200);
	return names.map((name) => {
		const found = response.body.find((type) => type.name === name);
		if (!found) throw new Error(`GET /types/${kind}.json lists no ${name}`);
		return found;
	});
}

describe('the node and its credential in the editor', () => {
	it('lists the node, and its AI-tool variant, with themed icon URLs inside the installed package', async () => {
		const [node, tool] = await typesOf('nodes', [NODE_TYPE, `${NODE_TYPE}Tool`]);
		const iconUrl = {
			light: `icons/${PACKAGE}/dist/nodes/CloudflareZeroTrust/cloudflare.svg`,
			dark: `icons/${PACKAGE}/dist/nodes/CloudflareZeroTrust/cloudflare.dark.svg`,
		};
		expect(node).toMatchObject({
			displayName: 'Cloudflare Zero Trust',
			version: 1,
			credentials: [{ name: 'cloudflareZeroTrustApi', required: true }],
			communityNodePackageVersion: inject('packageVersion'),
			iconUrl,
		});
		expect(tool).toMatchObject({ displayName: 'Cloudflare Zero Trust Tool', outputs: ['ai_tool'], iconUrl });
	});

	it('lists the credential with its icon URLs and the node it serves', async () => {
		const [credential] = await typesOf('credentials', ['cloudflareZeroTrustApi']);
		expect(credential).toMatchObject({
			displayName: 'Cloudflare Zero Trust API',
			iconUrl: {
				light: `icons/${PACKAGE}/dist/credentials/cloudflare.svg`,
				dark: `icons/${PACKAGE}/dist/credentials/cloudflare.dark.svg`,
			},
			supportedNodes: [NODE_TYPE],
		});
	});

	it('serves every icon URL the editor loads (no session needed) as SVG: the files of the package', async () => {
		const [node] = await typesOf('nodes', [NODE_TYPE]);
		const [credential] = await typesOf('credentials', ['cloudflareZeroTrustApi']);
		const icons = [
			[node.iconUrl!.light, 'nodes/CloudflareZeroTrust/cloudflare.svg'],
			[node.iconUrl!.dark, 'nodes/CloudflareZeroTrust/cloudflare.dark.svg'],
			[credential.iconUrl!.light, 'credentials/cloudflare.svg'],
			[credential.iconUrl!.dark, 'credentials/cloudflare.dark.svg'],
		];
		for (const [url, source] of icons) {
			const response = await fetch(`${testbed.server.url}/${url}`);
			expect({ url, status: response.status, type: response.headers.get('content-type') }).toEqual({
				url,
				status: 200,
				type: expect.stringMatching(/^image\/svg\+xml\b/),
			});
			expect(await response.text()).toBe(readFileSync(join(root, source), 'utf8'));
		}
	});
});

describe('"Test" in the credential dialog (POST /rest/credentials/test)', () => {
	const CREDENTIAL_TYPE = 'cloudflareZeroTrustApi';

	/** The editor's request for a credential being edited; `id` is '' until it is saved. */
	const testCredential = async (data: Record<string, string>, id = '') => {
		const response = await testbed.server.request<{ data: { status: string; message: string } }>(
			'POST',
			'/rest/credentials/test',
			{ credentials: { id, name: 'Cloudflare Zero Trust account', type: CREDENTIAL_TYPE, data } },
		);
		expect(response.status).toBe(200);
		return response.body.data;
	};
	const requestsSeen = () => emulator.requests.map((r) => `${r.method} ${r.path}`);
	const authHeaders = (index = 0) =>
		Object.fromEntries(
			Object.entries(emulator.requests[index].headers).filter(([name]) => /^(authorization|x-auth-)/.test(name)),
		);
	const token = (extra: Record<string, string> = {}) => ({
		authType: 'apiToken',
		apiToken: fixtures.API_TOKEN,
		baseUrl: emulator.baseUrl,
		...extra,
	});
	const globalKey = (extra: Record<string, string> = {}) => ({
		authType: 'globalApiKey',
		email: fixtures.GLOBAL_API_KEY_EMAIL,
		globalApiKey: fixtures.GLOBAL_API_KEY,
		baseUrl: emulator.baseUrl,
		...extra,
	});
	const OK = { status: 'OK', message: 'Connection successful!' };

	it('API Token: verifies a user-owned token at /user/tokens/verify with a Bearer header', async () => {
		expect(await testCredential(token())).toEqual(OK);
		expect(requestsSeen()).toEqual(['GET /user/tokens/verify']);
		expect(authHeaders()).toEqual({ authorization: `Bearer ${fixtures.API_TOKEN}` });
	});

	it('API Token with Account ID: verifies an account-owned token at /accounts/{id}/tokens/verify', async () => {
		expect(await testCredential(token({ apiToken: fixtures.ACCOUNT_API_TOKEN, accountId: fixtures.ACCOUNT_ID }))).toEqual(OK);
		expect(requestsSeen()).toEqual([`GET /accounts/${fixtures.ACCOUNT_ID}/tokens/verify`]);
		expect(authHeaders()).toEqual({ authorization: `Bearer ${fixtures.ACCOUNT_API_TOKEN}` });
	});

	it('API Email + Global API Key: checks /user with X-Auth-Email and X-Auth-Key, no Authorization', async () => {
		expect(await testCredential(globalKey())).toEqual(OK);
		expect(requestsSeen()).toEqual(['GET /user']);
		expect(authHeaders()).toEqual({
			'x-auth-email': fixtures.GLOBAL_API_KEY_EMAIL,
			'x-auth-key': fixtures.GLOBAL_API_KEY,
		});
	});

	it('reports a token Cloudflare does not know, with the hint for account-owned tokens', async () => {
		expect(await testCredential(token({ apiToken: fixtures.ACCOUNT_API_TOKEN }))).toEqual({
			status: 'Error',
			message: 'Cloudflare did not accept this API token. If it is an account-owned token, set the Account ID.',
		});
	});

	it('reports a wrong Global API Key', async () => {
		expect(await testCredential(globalKey({ globalApiKey: 'not-the-key' }))).toEqual({
			status: 'Error',
			message: 'Cloudflare did not accept these credentials (unknown email or Global API Key, or no access to the account)',
		});
		expect(requestsSeen()).toEqual(['GET /user']);
	});

	it('refuses a plain-http base URL to another machine before anything is sent', async () => {
		expect(await testCredential(token({ baseUrl: 'http://api.example.com/client/v4' }))).toEqual({
			status: 'Error',
			message:
				"The credential's API Base URL must start with https:// (got http://api.example.com); " +
				'plain http is allowed only for loopback addresses such as 127.0.0.1, used for testing',
		});
		// Netguard (see the last test) would have refused the connection; none was even tried.
	});

	it('tests a saved credential from its stored secret, which the editor does not send back', async () => {
		const saved = await testbed.server.request<{ data: { id: string } }>('POST', '/rest/credentials', {
			name: 'Cloudflare Zero Trust (saved)',
			type: CREDENTIAL_TYPE,
			data: globalKey(),
		});
		expect(saved.status).toBe(200);
		// The editor shows a saved secret as this placeholder and sends it back unchanged.
		const BLANK = '__n8n_BLANK_VALUE_e5362baf-c777-4d57-a609-6eaf1f9e87f6';

		expect(await testCredential(globalKey({ globalApiKey: BLANK }), saved.body.data.id)).toEqual(OK);
		expect(authHeaders()['x-auth-key']).toBe(fixtures.GLOBAL_API_KEY);
	});
});

it('left n8n on loopback: no connection to another machine was even tried', () => {
	expect(testbed.n8n.refusedConnections()).toEqual([]);
});
