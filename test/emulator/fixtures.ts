/**
 * The world the emulator knows: two accounts, their Zero Trust users, and the credentials that
 * may call it. Secrets here are fake but shaped like Cloudflare's (40-character tokens,
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

export const ACCOUNTS = [
	{ id: ACCOUNT_ID, name: 'Acme Security', riskScoring: true },
	{ id: ACCOUNT_WITHOUT_RISK_SCORING_ID, name: 'Acme Labs', riskScoring: false },
];

export type RiskLevel = 'low' | 'medium' | 'high';

export interface RiskEvent {
	id: string;
	name: string;
	risk_level: RiskLevel;
	timestamp: string;
	event_details?: Record<string, unknown>;
}

export interface ZeroTrustUser {
	id: string;
	email: string;
	name: string;
	events: RiskEvent[];
	last_reset_time: string | null;
}

export function seedUsers(): Map<string, ZeroTrustUser[]> {
	return new Map([
		[
			ACCOUNT_ID,
			[
				user('9b2f4e1a-3c5d-4e6f-8a7b-1c2d3e4f5a6b', 'ada.lovelace@example.com', 'Ada Lovelace', [
					event('high', 'Impossible travel', '2026-11-30T08:12:00Z'),
					event('medium', 'SentinelOne threat on device', '2026-12-01T14:03:00Z'),
				]),
				user('2d7c8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f', 'grace.hopper@example.com', 'Grace Hopper', [
					event('medium', 'Data loss prevention detection', '2026-12-02T09:45:00Z'),
				]),
				user('5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', 'alan.turing@example.com', 'Alan Turing', []),
			],
		],
		[
			ACCOUNT_WITHOUT_RISK_SCORING_ID,
			[user('c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f', 'lab.user@example.com', 'Lab User', [])],
		],
	]);
}

function user(id: string, email: string, name: string, events: RiskEvent[]): ZeroTrustUser {
	return { id, email, name, events, last_reset_time: null };
}

let eventCounter = 0;
function event(risk_level: RiskLevel, name: string, timestamp: string): RiskEvent {
	eventCounter += 1;
	return { id: `evt-${String(eventCounter).padStart(4, '0')}`, name, risk_level, timestamp };
}
