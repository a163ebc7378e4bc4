import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { CloudflareEmulator, RecordedRequest } from '../emulator';
import { fixtures } from '../emulator';
import { addSyntheticUsers, syntheticUserId } from '../emulator/synthetic-users';

/** The n-th user of a test batch: a valid Zero Trust user id the emulator knows once `addBatchUsers` ran. */
export const batchUser = syntheticUserId;

export const resetPath = (userId: string, accountId = fixtures.ACCOUNT_ID) =>
	`/accounts/${accountId}/zt_risk_scoring/${userId}/reset`;

/** Adds `count` users to the emulator's account (after `emulator.reset()`, which forgets them). */
export function addBatchUsers(emulator: CloudflareEmulator, count: number): string[] {
	addSyntheticUsers(emulator.state, count);
	return Array.from({ length: count }, (_, n) => batchUser(n));
}

/** Reset parameters taking the user id from each input item, with the node's Options. */
export function resetByItem(options: INodeParameters = {}): INodeParameters {
	return {
		resource: 'userRiskScore',
		operation: 'reset',
		account: { __rl: true, mode: 'id', value: fixtures.ACCOUNT_ID },
		user: { __rl: true, mode: 'id', value: '={{ $json.userId }}' },
		options,
	};
}

export const itemsFor = (userIds: string[]) => userIds.map((userId) => ({ userId }));

/** The requests the emulator received for one path, in arrival order. */
export function requestsTo(emulator: CloudflareEmulator, path: string): RecordedRequest[] {
	return emulator.requests.filter((r) => r.path === path);
}

/** The envelope the emulator sent in answer to `request`, parsed: what a successful item must hold. */
export function envelopeOf(request: RecordedRequest): IDataObject {
	return JSON.parse(request.response!.body) as IDataObject;
}

/** The time from the end of each attempt (its answer, or its arrival when it got none) to the next attempt. */
export function gapsBetweenAttempts(attempts: RecordedRequest[]): number[] {
	return attempts.slice(1).map((next, i) => next.at - (attempts[i].response?.at ?? attempts[i].at));
}
