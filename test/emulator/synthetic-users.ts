import type { ZeroTrustUser } from './fixtures';
import { ACCOUNT_ID, zeroTrustUser } from './fixtures';
import type { EmulatorState } from './routes';

/**
 * The id of the `index`-th synthetic user: a valid UUID that anyone can compute again, so a
 * benchmark client and a separately started emulator agree on N users without sharing a list.
 */
export function syntheticUserId(index: number): string {
	return `5eed0000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

/** Adds users 0 … count-1 to the account, each with one risk event to clear. */
export function addSyntheticUsers(state: EmulatorState, count: number, accountId = ACCOUNT_ID): void {
	const users = state.users.get(accountId);
	if (!users) throw new Error(`The emulator has no account ${accountId}`);
	for (let index = 0; index < count; index++) {
		users.push(syntheticUser(index));
	}
}

function syntheticUser(index: number): ZeroTrustUser {
	return zeroTrustUser(syntheticUserId(index), `user${index}@bench.example.com`, `Bench User ${index}`, [
		{ id: `evt-bench-${index}`, name: 'Impossible travel', risk_level: 'high', timestamp: '2026-12-01T00:00:00Z' },
	]);
}
