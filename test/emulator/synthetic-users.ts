import type { ZeroTrustUser } from './fixtures';
import { ACCOUNT_ID, zeroTrustUser } from './fixtures';
import type { EmulatorState } from './routes';

/**
 * The id of the `index`-th synthetic user: a valid UUID that anyone can compute again, so a test or
 * a benchmark client and the emulator (even one in another process) agree on N users without
 * sharing a list.
 */
export function syntheticUserId(index: number): string {
	return `b0000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
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
	return zeroTrustUser(syntheticUserId(index), `batch.user.${index}@example.com`, `Batch User ${index}`, [
		{ id: `evt-b${index}`, name: 'Impossible travel', risk_level: 'high', timestamp: '2026-12-01T10:00:00Z' },
	]);
}
