import type { INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { CloudflareEmulator, fixtures } from './emulator';
import { byId, runCloudflareNode, tokenCredential } from './harness/cloudflare';

const { ACCOUNT_ID, OKTA_INTEGRATION_ID, OKTA_REFERENCE_ID } = fixtures;
const integrationsPath = `/accounts/${ACCOUNT_ID}/zt_risk_scoring/integrations`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const emulator = new CloudflareEmulator();
beforeAll(() => emulator.start());
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

const integration = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'riskIntegration',
	operation,
	account: byId(ACCOUNT_ID),
	...extra,
});
const run = (parameters: INodeParameters, startItems?: object[]) =>
	runCloudflareNode({ parameters, credential: tokenCredential(emulator), startItems: startItems as never });
const sent = () => emulator.requests.map((r) => ({ method: r.method, path: r.path, query: r.query, body: r.body }));
const answer = (index: number) => JSON.parse(emulator.requests[index].response!.body);
const stored = () => emulator.state.integrations.get(ACCOUNT_ID)!;
const seeded = () => fixtures.seedIntegrations().get(ACCOUNT_ID)![0];

describe('Risk Integration → Create', () => {
	it('sends the Okta type, tenant URL and reference ID; outputs the new integration', async () => {
		const result = await run(
			integration('create', {
				tenantUrl: ' https://acme-staging.okta.com ',
				additionalFields: { referenceId: 'okta-idp-0b1c' },
			}),
		);

		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([
			{
				method: 'POST',
				path: integrationsPath,
				query: {},
				body: JSON.stringify({
					integration_type: 'Okta',
					tenant_url: 'https://acme-staging.okta.com',
					reference_id: 'okta-idp-0b1c',
				}),
			},
		]);
		const created = answer(0).result;
		expect(result.items).toEqual([{ json: created, pairedItem: { item: 0 } }]);
		expect(created).toMatchObject({
			account_tag: ACCOUNT_ID,
			integration_type: 'Okta',
			reference_id: 'okta-idp-0b1c',
			tenant_url: 'https://acme-staging.okta.com',
			active: true,
		});
		expect(created.id).toMatch(UUID);
		expect(stored().map((i) => i.id)).toEqual([OKTA_INTEGRATION_ID, created.id]);
	});

	it('sends no reference_id when none is given', async () => {
		await run(integration('create', { tenantUrl: 'https://acme.okta.com' }));
		expect(JSON.parse(emulator.requests[0].body)).toEqual({ integration_type: 'Okta', tenant_url: 'https://acme.okta.com' });
	});

	it.each([
		['http, not https', 'http://acme.okta.com'],
		['no URL', 'acme.okta.com'],
		['empty', ''],
	])('refuses a tenant URL that is %s before any request', async (_, tenantUrl) => {
		const result = await run(integration('create', { tenantUrl: '={{ $json.url }}' }), [{ url: tenantUrl }]);

		expect(emulator.requests).toEqual([]);
		expect(result.error?.message).toMatch(
			/^Invalid Tenant URL for item 0: expected the https URL of the Okta tenant, such as https:\/\/acme\.okta\.com, got /,
		);
	});
});

describe('Risk Integration → Create is never sent twice when it may have worked', () => {
	const badGateway = { status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' };

	it('a 502 (Cloudflare may have created it) fails the item after one attempt, saying why', async () => {
		emulator.intercept({ method: 'POST', path: integrationsPath, times: 1, reply: badGateway });
		const result = await run(integration('create', { tenantUrl: 'https://acme.okta.com' }));

		expect(sent().map((r) => r.method)).toEqual(['POST']);
		expect(result.error?.message).toBe('Cloudflare answered HTTP 502 with a non-JSON response');
		expect(result.error?.description).toBe(
			`POST ${integrationsPath} returned text/html: 502 Bad Gateway; not retried: Cloudflare may have acted on it, so look before running it again`,
		);
	});

	it('a 429 (Cloudflare refused it) is retried, and one integration is created', async () => {
		emulator.intercept({
			method: 'POST',
			path: integrationsPath,
			times: 1,
			reply: {
				status: 429,
				headers: { 'retry-after-ms': '20' },
				body: { success: false, errors: [{ code: 971, message: 'Please wait and consider throttling your request speed' }], messages: [], result: null },
			},
		});
		const result = await run(integration('create', { tenantUrl: 'https://acme.okta.com' }));

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((r) => `${r.method} ${r.response?.status}`)).toEqual(['POST 429', 'POST 200']);
		expect(stored()).toHaveLength(2);
	});

	it('a 409 (Cloudflare refused it as a conflict) is Cloudflare\'s answer, without the advice to look first', async () => {
		const conflict = { success: false, errors: [{ code: 1409, message: 'An integration for this tenant exists' }], messages: [], result: null };
		emulator.intercept({ method: 'POST', path: integrationsPath, reply: { status: 409, body: conflict } });
		const result = await run(integration('create', { tenantUrl: 'https://acme.okta.com', options: { maxRetries: 1, maxRetryWait: 0.05 } }));

		expect(emulator.requests.map((r) => `${r.method} ${r.response?.status}`)).toEqual(['POST 409', 'POST 409']);
		expect(result.error?.message).toBe('Cloudflare error 1409: An integration for this tenant exists');
		expect(result.error?.description).toBe(`HTTP 409 from POST ${integrationsPath}; gave up after 2 attempts`);
	});

	it('an Update, which is safe to repeat, is retried after the same 502', async () => {
		emulator.intercept({ method: 'PUT', path: `${integrationsPath}/${OKTA_INTEGRATION_ID}`, times: 1, reply: badGateway });
		const result = await run(
			integration('update', { integrationId: OKTA_INTEGRATION_ID, tenantUrl: 'https://acme.okta.com', options: { maxRetryWait: 0.05 } }),
		);

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((r) => `${r.method} ${r.response?.status}`)).toEqual(['PUT 502', 'PUT 200']);
	});
});

describe('Risk Integration → Get, Get by Reference ID, Get Many', () => {
	it('Get: one item, the integration', async () => {
		const result = await run(integration('get', { integrationId: OKTA_INTEGRATION_ID.toUpperCase() }));

		expect(sent()).toEqual([{ method: 'GET', path: `${integrationsPath}/${OKTA_INTEGRATION_ID}`, query: {}, body: '' }]);
		expect(result.items).toEqual([{ json: seeded(), pairedItem: { item: 0 } }]);
	});

	it('Get by Reference ID: the reference goes into the path, encoded', async () => {
		await run(integration('create', { tenantUrl: 'https://acme.okta.com', additionalFields: { referenceId: 'okta idp/#1' } }));
		const result = await run(integration('getByReferenceId', { referenceId: 'okta idp/#1' }));

		expect(emulator.requests[1].path).toBe(`${integrationsPath}/reference_id/okta%20idp%2F%231`);
		expect(result.items).toEqual([{ json: answer(0).result, pairedItem: { item: 0 } }]);
	});

	it('Get by Reference ID: the seeded Okta integration', async () => {
		const result = await run(integration('getByReferenceId', { referenceId: OKTA_REFERENCE_ID }));
		expect(result.items.map((item) => item.json)).toEqual([seeded()]);
	});

	it.each(['..', '.'])('refuses the reference ID "%s", which would change the path', async (referenceId) => {
		const result = await run(integration('getByReferenceId', { referenceId: '={{ $json.ref }}' }), [{ ref: referenceId }]);
		expect(emulator.requests).toEqual([]);
		expect(result.error?.message).toMatch(/^Invalid Reference ID for item 0: /);
	});

	it('refuses a reference ID with a lone surrogate, which no URL can hold, before any request: an error item, the next item goes on', async () => {
		const result = await runCloudflareNode({
			parameters: integration('getByReferenceId', { referenceId: '={{ $json.ref }}' }),
			credential: tokenCredential(emulator),
			startItems: [{ ref: 'ab\uD800' }, { ref: OKTA_REFERENCE_ID }],
			continueOnFail: true,
		});

		expect(sent().map((r) => r.path)).toEqual([`${integrationsPath}/reference_id/${OKTA_REFERENCE_ID}`]);
		expect(result.items).toEqual([
			{
				json: {
					error:
						'Invalid Reference ID for item 0: expected the reference ID given to the integration (up to 256 characters, not "." or ".."), ' +
						'got "ab\uFFFD" (text with a lone UTF-16 surrogate, shown as \uFFFD: not valid Unicode)',
					description: 'Check the "Reference ID" field of item 0.',
				},
				pairedItem: { item: 0 },
			},
			{ json: seeded(), pairedItem: { item: 1 } },
		]);
	});

	it('refuses the same in Create\'s reference ID before anything is created', async () => {
		const result = await run(
			integration('create', { tenantUrl: 'https://acme.okta.com', additionalFields: { referenceId: '={{ "okta\uDC00" }}' } }),
		);

		expect(emulator.requests).toEqual([]);
		expect(result.error?.message).toMatch(/^Invalid Reference ID for item 0: .*, got "okta\uFFFD" \(text with a lone UTF-16 surrogate/);
	});

	it('Get Many: one item per integration; Limit keeps the first', async () => {
		await run(integration('create', { tenantUrl: 'https://second.okta.com' }));
		await run(integration('create', { tenantUrl: 'https://third.okta.com' }));
		emulator.requests.length = 0;

		const all = await run(integration('getAll', { returnAll: true }));
		expect(sent()).toEqual([{ method: 'GET', path: integrationsPath, query: {}, body: '' }]);
		expect(all.items).toEqual(answer(0).result.map((json: object) => ({ json, pairedItem: { item: 0 } })));
		expect(all.items.map((item) => item.json.tenant_url)).toEqual([
			'https://acme.okta.com',
			'https://second.okta.com',
			'https://third.okta.com',
		]);

		const limited = await run(integration('getAll', { limit: 2 }));
		expect(limited.items.map((item) => item.json.tenant_url)).toEqual(['https://acme.okta.com', 'https://second.okta.com']);
	});

	it('Get Many, Full Envelope: one item holding the list', async () => {
		const result = await run(integration('getAll', { returnAll: true, options: { output: 'envelope' } }));
		expect(result.items).toEqual([{ json: answer(0), pairedItem: { item: 0 } }]);
	});

	it("an unknown integration is Cloudflare's 404, unchanged", async () => {
		const unknown = '00000000-0000-4000-8000-000000000000';
		const result = await run(integration('get', { integrationId: unknown }));
		expect(result.error?.message).toBe('Cloudflare error 1404: Integration not found');
		expect(result.error?.description).toBe(`HTTP 404 from GET ${integrationsPath}/${unknown}`);
	});

	it('refuses an integration ID that is not a UUID before any request', async () => {
		const result = await run(integration('get', { integrationId: '={{ "../../../user" }}' }));
		expect(emulator.requests).toEqual([]);
		expect(result.error?.message).toBe(
			'Invalid Integration ID for item 0: expected a risk integration ID (a UUID such as 3f98e277-4cbd-47ad-9c90-a9587403e430), got "../../../user"',
		);
	});
});

describe('Risk Integration → Update', () => {
	it('sends tenant URL, active and reference ID; the integration really changes', async () => {
		const result = await run(
			integration('update', {
				integrationId: OKTA_INTEGRATION_ID,
				tenantUrl: 'https://acme-new.okta.com',
				active: false,
				additionalFields: { referenceId: 'okta-idp-new' },
			}),
		);

		expect(sent()).toEqual([
			{
				method: 'PUT',
				path: `${integrationsPath}/${OKTA_INTEGRATION_ID}`,
				query: {},
				body: JSON.stringify({ tenant_url: 'https://acme-new.okta.com', active: false, reference_id: 'okta-idp-new' }),
			},
		]);
		const updated = { ...seeded(), tenant_url: 'https://acme-new.okta.com', active: false, reference_id: 'okta-idp-new' };
		expect(result.items).toEqual([{ json: updated, pairedItem: { item: 0 } }]);
		expect(stored()).toEqual([updated]);
	});

	it('always sends tenant URL and active, which Cloudflare requires; the reference ID only when given', async () => {
		await run(integration('update', { integrationId: OKTA_INTEGRATION_ID, tenantUrl: 'https://acme.okta.com' }));
		expect(JSON.parse(emulator.requests[0].body)).toEqual({ tenant_url: 'https://acme.okta.com', active: true });
		expect(stored()[0].reference_id).toBe(OKTA_REFERENCE_ID);
	});
});

describe('Risk Integration → Delete', () => {
	it('Result: says what was deleted, since Cloudflare\'s result is empty; the integration is gone', async () => {
		const result = await run(integration('delete', { integrationId: OKTA_INTEGRATION_ID }));

		expect(sent()).toEqual([{ method: 'DELETE', path: `${integrationsPath}/${OKTA_INTEGRATION_ID}`, query: {}, body: '' }]);
		expect(answer(0).result).toBeNull();
		expect(result.items).toEqual([
			{ json: { success: true, deleted: true, id: OKTA_INTEGRATION_ID }, pairedItem: { item: 0 } },
		]);
		expect(stored()).toEqual([]);

		const again = await run(integration('get', { integrationId: OKTA_INTEGRATION_ID }));
		expect(again.error?.message).toBe('Cloudflare error 1404: Integration not found');
	});

	it('Full Envelope: the answer as received', async () => {
		const result = await run(
			integration('delete', { integrationId: OKTA_INTEGRATION_ID, options: { output: 'envelope' } }),
		);
		expect(result.items).toEqual([
			{ json: { success: true, errors: [], messages: [], result: null }, pairedItem: { item: 0 } },
		]);
	});
});

describe('Risk Integration: lifecycle', () => {
	it('create → find by reference → deactivate → delete', async () => {
		const created = await run(
			integration('create', { tenantUrl: 'https://lifecycle.okta.com', additionalFields: { referenceId: 'ref-lifecycle' } }),
		);
		const id = created.items[0].json.id as string;

		const found = await run(integration('getByReferenceId', { referenceId: 'ref-lifecycle' }));
		expect(found.items[0].json.id).toBe(id);

		const updated = await run(
			integration('update', { integrationId: '={{ $json.id }}', tenantUrl: '={{ $json.tenant_url }}', active: false }),
			[found.items[0].json],
		);
		expect(updated.items[0].json).toMatchObject({ id, active: false, tenant_url: 'https://lifecycle.okta.com' });

		await run(integration('delete', { integrationId: id }));
		expect(stored().map((i) => i.id)).toEqual([OKTA_INTEGRATION_ID]);
		expect(emulator.requests.map((r) => `${r.method} ${r.response?.status}`)).toEqual([
			'POST 200',
			'GET 200',
			'PUT 200',
			'DELETE 200',
		]);
	});
});
