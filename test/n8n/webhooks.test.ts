/**
 * The example workflows that start with a Webhook, published in a real n8n and called on its
 * production webhook URL (`n8n start` on loopback), as Okta and a ticket system would call them.
 */
import { describe, expect, it } from 'vitest';

import { fixtures } from '../emulator';
import { exampleCredentials, loadExample, WEBHOOK_SECRETS } from './examples';
import { inSomeOrder, requestsSeen } from './requests';
import { useTestbed } from './testbed';

const { ACCOUNT_ID } = fixtures;
const ADA = '9b2f4e1a-3c5d-4e6f-8a7b-1c2d3e4f5a6b';
const GRACE = '2d7c8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f';
const RESET_OK = { success: true, errors: [], messages: [], result: {} };
const lookUp = (email: string) => ['GET', `/accounts/${ACCOUNT_ID}/access/users`, { email, page: '1', per_page: '50' }];
const reset = (userId: string) => ['POST', `/accounts/${ACCOUNT_ID}/zt_risk_scoring/${userId}/reset`, {}];

const testbed = useTestbed({
	prepare: async (n8n, emulator) => {
		await n8n.importCredentials(exampleCredentials(emulator));
		await n8n.importWorkflows([
			loadExample('okta-event-hook-reset.workflow.json', 'exampleOktaHook1', emulator),
			loadExample('ticket-closed-reset.workflow.json', 'exampleTicket001', emulator),
		]);
	},
	publish: ['exampleOktaHook1', 'exampleTicket001'],
	start: true,
});
const { emulator } = testbed;

async function callWebhook(path: string, init: { method: string; secret: string; headers?: Record<string, string>; body?: unknown }) {
	const response = await fetch(`${testbed.server.url}/webhook/cloudflare-zero-trust/${path}`, {
		method: init.method,
		headers: {
			authorization: init.secret,
			...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
			...init.headers,
		},
		body: init.body === undefined ? undefined : JSON.stringify(init.body),
	});
	const text = await response.text();
	return { status: response.status, body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

/** An Okta event hook delivery (https://developer.okta.com/docs/concepts/event-hooks/) with one event per target user. */
function oktaEventHook(...users: Array<{ email: string; name: string }>) {
	return {
		eventType: 'com.okta.event_hook',
		eventTypeVersion: '1.0',
		cloudEventsVersion: '0.1',
		source: 'https://acme.okta.com/api/v1/eventHooks/who8tj2fHC5ZyGJaq1d7',
		eventId: 'b5a188b9-5ece-4636-b041-482ffda96311',
		eventTime: '2026-12-03T09:14:07.000Z',
		contentType: 'application/json',
		data: {
			events: users.map((user, index) => ({
				uuid: `5f2d7f0c-9a4b-11ef-8a1e-00000000000${index}`,
				published: '2026-12-03T09:14:05.000Z',
				eventType: 'user.mfa.factor.reset_all',
				displayMessage: 'Reset all factors for user',
				severity: 'INFO',
				// The admin who acted is a User too: the workflow must reset the target, not the actor.
				actor: { id: '00u1itadmin', type: 'User', alternateId: 'it.admin@example.com', displayName: 'IT Admin' },
				target: [{ id: `00u1user${index}`, type: 'User', alternateId: user.email, displayName: user.name }],
			})),
		},
	};
}

describe('examples/okta-event-hook-reset.workflow.json', () => {
	it("answers Okta's one-time verification request with the challenge, calling nobody", async () => {
		const response = await callWebhook('okta-event-hook', {
			method: 'GET',
			secret: WEBHOOK_SECRETS.okta,
			headers: { 'x-okta-verification-challenge': 'X7fJq0Vt2mN8pL4sR6yW' },
		});

		expect(response).toEqual({ status: 200, body: { verification: 'X7fJq0Vt2mN8pL4sR6yW' } });
		expect(emulator.requests).toEqual([]);
	});

	it('resets the target user of every event, found by email, and answers with the envelopes', async () => {
		const response = await callWebhook('okta-event-hook', {
			method: 'POST',
			secret: WEBHOOK_SECRETS.okta,
			body: oktaEventHook(
				{ email: 'ada.lovelace@example.com', name: 'Ada Lovelace' },
				{ email: 'grace.hopper@example.com', name: 'Grace Hopper' },
			),
		});

		expect(response).toEqual({
			status: 200,
			body: [
				{ ...RESET_OK, user: { id: ADA, email: 'ada.lovelace@example.com' } },
				{ ...RESET_OK, user: { id: GRACE, email: 'grace.hopper@example.com' } },
			],
		});
		// The two events are worked on side by side: the requests may interleave.
		expect(inSomeOrder(requestsSeen(emulator))).toEqual(
			inSomeOrder([lookUp('ada.lovelace@example.com'), lookUp('grace.hopper@example.com'), reset(ADA), reset(GRACE)]),
		);
	});
});

describe('examples/ticket-closed-reset.workflow.json', () => {
	const closeTicket = (ticketId: string, reporterEmail: string) =>
		callWebhook('ticket-closed', {
			method: 'POST',
			secret: WEBHOOK_SECRETS.ticket,
			body: { ticketId, status: 'closed', reporterEmail },
		});

	it('resets the reporter and answers with the note for the ticket', async () => {
		const response = await closeTicket('SEC-1042', 'grace.hopper@example.com');

		expect(response).toEqual({
			status: 200,
			body: {
				ticketId: 'SEC-1042',
				comment: 'Cloudflare Zero Trust: the risk score of grace.hopper@example.com was reset when this ticket was closed.',
			},
		});
		expect(requestsSeen(emulator)).toEqual([lookUp('grace.hopper@example.com'), reset(GRACE)]);
	});

	it('takes the alert branch with the reason when the reset fails', async () => {
		const response = await closeTicket('SEC-1043', 'nobody@example.com');

		expect(response).toEqual({
			status: 200,
			body: {
				ticketId: 'SEC-1043',
				alert:
					'Could not reset the Cloudflare Zero Trust risk score of nobody@example.com: ' +
					'No Zero Trust user with the email "nobody@example.com" for item 0',
			},
		});
		expect(requestsSeen(emulator)).toEqual([lookUp('nobody@example.com')]);
	});
});

describe('both webhooks', () => {
	it.each([
		['okta-event-hook', oktaEventHook({ email: 'ada.lovelace@example.com', name: 'Ada Lovelace' })],
		['ticket-closed', { ticketId: 'SEC-1042', reporterEmail: 'ada.lovelace@example.com' }],
	])('%s refuses a caller without the secret: nothing is reset', async (path, body) => {
		for (const secret of ['', 'guessed-secret']) {
			const response = await callWebhook(path, { method: 'POST', secret, body });
			expect(response).toEqual({ status: 403, body: 'Authorization data is wrong!' });
		}
		expect(emulator.requests).toEqual([]);
	});
});

it('left n8n on loopback: no connection to another machine was even tried', () => {
	expect(testbed.n8n.refusedConnections()).toEqual([]);
});
