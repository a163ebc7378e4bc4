/**
 * The world the emulator knows: two accounts, their Zero Trust users and risk data, the risk
 * behaviors and integrations of each account, and the credentials that may call it. Secrets here are fake but shaped like Cloudflare's (40-character tokens,
 * 37-character Global API Keys) so that leak checks search for realistic strings.
 */

export const ACCOUNT_ID = '0f3c6b7a9d2e4f1a8b5c7d9e1f2a3b4c';
/** An account without Zero Trust Enterprise: risk scoring writes answer 403. */
export const ACCOUNT_WITHOUT_RISK_SCORING_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

export const API_TOKEN = 'cfut_Demo7kQ2vN9xR4mW8pL3sT6yB1zH5jD0fGaX';
/** Owned by ACCOUNT_ID: unknown to /user/tokens/verify, valid at /accounts/{id}/tokens/verify. */
export const ACCOUNT_API_TOKEN = 'cfat_Acct2Lm8Qx5Rt1Yv7Nw3Pz9Kb4Hc6Jd0FgSu';
/** A valid token lacking Zero Trust Write: every write answers 403. */
export const READ_ONLY_API_TOKEN = 'cfut_Read4Wb9Tq2Zm6Xc1Vn8Ks3Lp7Hd5Jf0GaYe';
export const GLOBAL_API_KEY_EMAIL = 'secops@example.com';
export const GLOBAL_API_KEY = '1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d';

export interface Principal {
	kind: 'user-token' | 'account-token' | 'global-key';
	id: string;
	canWrite: boolean;
	accounts: string[];
}

export const TOKENS: Record<string, Principal> = {
	[API_TOKEN]: {
		kind: 'user-token',
		id: 'ed17574386854bf78a67040be0a770b0',
		canWrite: true,
		accounts: [ACCOUNT_ID, ACCOUNT_WITHOUT_RISK_SCORING_ID],
	},
	[ACCOUNT_API_TOKEN]: {
		kind: 'account-token',
		id: 'a7c4bd3f2e1b4a6c9d8e7f6a5b4c3d2e',
		canWrite: true,
		accounts: [ACCOUNT_ID],
	},
	[READ_ONLY_API_TOKEN]: {
		kind: 'user-token',
		id: 'b5e2c9a1d4f74e3b8a6c1d9e2f7a4b3c',
		canWrite: false,
		accounts: [ACCOUNT_ID],
	},
};

export const GLOBAL_KEYS: Record<string, { key: string; principal: Principal }> = {
	[GLOBAL_API_KEY_EMAIL]: {
		key: GLOBAL_API_KEY,
		principal: {
			kind: 'global-key',
			id: '7c5dae5552338874e5053f2534d2767a',
			canWrite: true,
			accounts: [ACCOUNT_ID, ACCOUNT_WITHOUT_RISK_SCORING_ID],
		},
	},
};

export interface Account {
	id: string;
	name: string;
	type: 'standard' | 'enterprise';
	created_on: string;
	/** Not part of Cloudflare's answer: whether the account has Zero Trust Enterprise risk scoring. */
	riskScoring: boolean;
}

export const ACCOUNTS: Account[] = [
	{ id: ACCOUNT_ID, name: 'Acme Security', type: 'enterprise', created_on: '2021-03-14T09:26:53Z', riskScoring: true },
	{
		id: ACCOUNT_WITHOUT_RISK_SCORING_ID,
		name: 'Acme Labs',
		type: 'standard',
		created_on: '2023-07-01T12:00:00Z',
		riskScoring: false,
	},
];

export type RiskLevel = 'low' | 'medium' | 'high';
export const RISK_LEVELS: RiskLevel[] = ['low', 'medium', 'high'];

export interface RiskEvent {
	id: string;
	name: string;
	risk_level: RiskLevel;
	timestamp: string;
	event_details?: Record<string, unknown>;
}

/** A Zero Trust user as GET /access/users shows them, plus the risk data the risk-scoring endpoints show. */
export interface ZeroTrustUser {
	id: string;
	uid: string;
	seat_uid: string;
	email: string;
	name: string;
	access_seat: boolean;
	gateway_seat: boolean;
	active_device_count: number;
	last_successful_login: string | null;
	created_at: string;
	updated_at: string;
	events: RiskEvent[];
	last_reset_time: string | null;
}

let eventCounter = 0;

/**
 * The main account has 23 users, more than two pages of the users list. Among them:
 * - ada@example.com and nevada@example.com: an `email` filter for the first also finds the second;
 * - "Katherine.Johnson@Example.com" is stored in mixed case;
 * - two identities share it.helpdesk@example.com (once as IT.Helpdesk@example.com).
 */
export function seedUsers(): Map<string, ZeroTrustUser[]> {
	eventCounter = 0;
	return new Map([
		[
			ACCOUNT_ID,
			[
				zeroTrustUser('9b2f4e1a-3c5d-4e6f-8a7b-1c2d3e4f5a6b', 'ada.lovelace@example.com', 'Ada Lovelace', [
					event('high', 'Impossible travel', '2026-11-30T08:12:00Z', {
						from: { city: 'London', country: 'GB' },
						to: { city: 'Singapore', country: 'SG' },
						minutes_between_logins: 42,
					}),
					event('medium', 'SentinelOne threat detected on machine', '2026-12-01T14:03:00Z', {
						device_name: 'ADA-MBP-14',
						threat: 'Trojan.MacOS.Generic',
					}),
				]),
				zeroTrustUser('2d7c8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f', 'grace.hopper@example.com', 'Grace Hopper', [
					event('medium', 'High number of DLP policies triggered', '2026-12-02T09:45:00Z', {
						dlp_profile: 'Credit card numbers',
						matches_in_one_minute: 17,
					}),
				]),
				zeroTrustUser('5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', 'alan.turing@example.com', 'Alan Turing', []),
				zeroTrustUser('6513270e-269e-4d37-b2a7-4de452e6b438', 'Katherine.Johnson@Example.com', 'Katherine Johnson', []),
				zeroTrustUser('d23f0824-128b-4f33-8c5c-7fd0a6a3a450', 'margaret.hamilton@example.com', 'Margaret Hamilton', [
					event('low', 'Repeated blocks by Gateway security policies', '2026-11-28T17:20:00Z'),
				]),
				zeroTrustUser('9531985d-5d9d-49f8-9818-e811892f902b', 'edsger.dijkstra@example.com', 'Edsger Dijkstra', []),
				zeroTrustUser('36f675cc-81e7-4ef5-a8e2-5d940ed90475', 'barbara.liskov@example.com', 'Barbara Liskov', []),
				zeroTrustUser('6b0d549b-6f03-475a-9600-a35a099950d8', 'donald.knuth@example.com', 'Donald Knuth', []),
				zeroTrustUser('8d116ece-1738-47d9-bd9c-172411e20b8f', 'frances.allen@example.com', 'Frances Allen', []),
				zeroTrustUser('90c192cf-d3ac-44af-8f21-ddb66cad4a26', 'dennis.ritchie@example.com', 'Dennis Ritchie', []),
				zeroTrustUser('a170b338-3926-4059-b28c-105d1fb17c23', 'ken.thompson@example.com', 'Ken Thompson', [
					event('low', 'Repeated blocks by Gateway security policies', '2026-11-20T06:55:00Z'),
					event('high', 'Impossible travel', '2026-12-02T22:10:00Z', {
						from: { city: 'Berkeley', country: 'US' },
						to: { city: 'Lagos', country: 'NG' },
						minutes_between_logins: 95,
					}),
				]),
				zeroTrustUser('0fd630f1-f29d-4da9-953f-48f1a09f76b5', 'radia.perlman@example.com', 'Radia Perlman', []),
				zeroTrustUser('0cb1e29c-658c-4a14-95e6-0af593bd04cf', 'tim.berners-lee@example.com', 'Tim Berners-Lee', []),
				zeroTrustUser('8e81973e-0bec-47b0-b898-d190f9ebdacc', 'hedy.lamarr@example.com', 'Hedy Lamarr', []),
				zeroTrustUser('6b4cb242-4a23-4596-a217-beaddbc496cb', 'claude.shannon@example.com', 'Claude Shannon', []),
				zeroTrustUser('92276658-1e27-41c0-8a6a-63ec24ede6a4', 'john.vonneumann@example.com', 'John von Neumann', []),
				zeroTrustUser('ae97ba94-d0ed-482f-8f6d-05584ef8aa38', 'annie.easley@example.com', 'Annie Easley', []),
				zeroTrustUser('923a7369-94e3-4f91-9a61-dbe22e44158b', 'shafi.goldwasser@example.com', 'Shafi Goldwasser', []),
				zeroTrustUser('18f135d2-5f55-4203-b018-50c5a38fd547', 'leslie.lamport@example.com', 'Leslie Lamport', []),
				zeroTrustUser('907a70c3-1012-4037-b64c-e4228c38fb29', 'ada@example.com', 'Ada Support Desk', []),
				zeroTrustUser('7f150524-34b9-45df-9e77-69b10f4205b4', 'nevada@example.com', 'Nevada Field Office', []),
				zeroTrustUser('c6f87718-6d76-407e-881e-d162ae2eb154', 'it.helpdesk@example.com', 'IT Helpdesk (Okta)', []),
				zeroTrustUser('ec66a787-95e7-41d1-b731-af10506bf2ef', 'IT.Helpdesk@example.com', 'IT Helpdesk (Entra ID)', []),
			],
		],
		[
			ACCOUNT_WITHOUT_RISK_SCORING_ID,
			[zeroTrustUser('c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f', 'lab.user@example.com', 'Lab User', [])],
		],
	]);
}

/** A user with directory fields derived from the id, so that every user, seeded or added later, looks real. */
export function zeroTrustUser(id: string, email: string, name: string, events: RiskEvent[]): ZeroTrustUser {
	const hex = id.replace(/-/g, '');
	const created = `2024-0${(parseInt(hex.slice(0, 2), 16) % 9) + 1}-1${parseInt(hex.slice(2, 3), 16) % 10}T08:00:00Z`;
	return {
		id,
		uid: hex,
		seat_uid: hex.split('').reverse().join(''),
		email,
		name,
		access_seat: true,
		gateway_seat: !name.startsWith('IT Helpdesk'),
		active_device_count: parseInt(hex.slice(3, 4), 16) % 3,
		last_successful_login: events.length ? events[events.length - 1].timestamp : '2026-11-27T07:30:00Z',
		created_at: created,
		updated_at: created,
		events,
		last_reset_time: null,
	};
}

function event(
	risk_level: RiskLevel,
	name: string,
	timestamp: string,
	event_details?: Record<string, unknown>,
): RiskEvent {
	eventCounter += 1;
	const id = `evt-${String(eventCounter).padStart(4, '0')}`;
	return event_details ? { id, name, risk_level, timestamp, event_details } : { id, name, risk_level, timestamp };
}

export interface Behavior {
	name: string;
	description: string;
	enabled: boolean;
	risk_level: RiskLevel;
}

/** Modelled on Cloudflare's predefined risk behaviors; every account starts with the same set. */
export function seedBehaviors(): Record<string, Behavior> {
	return {
		imp_travel: {
			name: 'Impossible travel',
			description:
				'User had a successful login from two locations they could not have traveled between in that period of time.',
			enabled: true,
			risk_level: 'high',
		},
		high_dlp: {
			name: 'High number of DLP policies triggered',
			description: 'User triggered an active DLP profile in a Gateway policy fifteen times or more within one minute.',
			enabled: true,
			risk_level: 'medium',
		},
		sentinel_one: {
			name: 'SentinelOne threat detected on machine',
			description: "The SentinelOne agent on one of the user's devices reported an active threat.",
			enabled: true,
			risk_level: 'medium',
		},
		gateway_blocks: {
			name: 'Repeated blocks by Gateway security policies',
			description: 'User was blocked by a Gateway security policy (malware, phishing, C2) ten times or more within ten minutes.',
			enabled: false,
			risk_level: 'low',
		},
	};
}

export interface Integration {
	id: string;
	account_tag: string;
	integration_type: 'Okta';
	reference_id: string;
	tenant_url: string;
	well_known_url: string;
	active: boolean;
	created_at: string;
}

export function wellKnownUrl(integrationId: string): string {
	return `/.well-known/sse-configuration/${integrationId}/`;
}

export const OKTA_INTEGRATION_ID = '3f98e277-4cbd-47ad-9c90-a9587403e430';
export const OKTA_REFERENCE_ID = 'c7a2ea20-b2f1-4c94-ae05-319acb5c7427';

export function seedIntegrations(): Map<string, Integration[]> {
	return new Map([
		[
			ACCOUNT_ID,
			[
				{
					id: OKTA_INTEGRATION_ID,
					account_tag: ACCOUNT_ID,
					integration_type: 'Okta',
					reference_id: OKTA_REFERENCE_ID,
					tenant_url: 'https://acme.okta.com',
					well_known_url: wellKnownUrl(OKTA_INTEGRATION_ID),
					active: true,
					created_at: '2025-09-18T10:04:33Z',
				},
			],
		],
		[ACCOUNT_WITHOUT_RISK_SCORING_ID, []],
	]);
}
