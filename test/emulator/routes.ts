import type { Principal, ZeroTrustUser } from './fixtures';
import { ACCOUNTS, seedUsers } from './fixtures';
import type { Reply } from './envelope';
import { fail, ok } from './envelope';

export interface RouteRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	body: unknown;
	principal: Principal;
}

type Handler = (req: RouteRequest, params: string[], state: EmulatorState) => Reply;

interface Route {
	method: string;
	pattern: RegExp;
	/** Cloudflare's permission model, reduced to what the node can meet: reads vs. Zero Trust Write. */
	write?: boolean;
	handler: Handler;
}

export class EmulatorState {
	users = seedUsers();
}

const HEX32 = '([0-9a-f]{32})';
const SEGMENT = '([^/]+)';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const routes: Route[] = [
	{ method: 'GET', pattern: /^\/user\/tokens\/verify$/, handler: verifyUserToken },
	{ method: 'GET', pattern: new RegExp(`^/accounts/${HEX32}/tokens/verify$`), handler: verifyAccountToken },
	{ method: 'GET', pattern: /^\/user$/, handler: currentUser },
	{
		method: 'POST',
		pattern: new RegExp(`^/accounts/${HEX32}/zt_risk_scoring/${SEGMENT}/reset$`),
		write: true,
		handler: resetRiskScore,
	},
];

export function route(req: RouteRequest, state: EmulatorState): Reply {
	for (const candidate of routes) {
		const match = candidate.pattern.exec(req.path);
		if (!match || candidate.method !== req.method) continue;
		const params = match.slice(1);
		const accountId = req.path.startsWith('/accounts/') ? params[0] : undefined;
		if (accountId !== undefined) {
			const denied = checkAccountAccess(req.principal, accountId, candidate.write === true);
			if (denied) return denied;
		}
		return candidate.handler(req, params, state);
	}
	return noRoute(req.path);
}

function checkAccountAccess(principal: Principal, accountId: string, write: boolean): Reply | undefined {
	const account = ACCOUNTS.find((a) => a.id === accountId);
	if (!account || !principal.accounts.includes(accountId)) {
		return fail(403, { code: 9109, message: 'Unauthorized to access requested resource' });
	}
	if (write && !principal.canWrite) {
		return fail(403, { code: 10000, message: 'Authentication error' });
	}
	if (write && !account.riskScoring) {
		return fail(403, {
			code: 10403,
			message: 'Risk scoring is not enabled for this account: it requires Zero Trust Enterprise',
		});
	}
	return undefined;
}

function noRoute(path: string): Reply {
	return fail(
		400,
		{ code: 7003, message: `Could not route to ${path}, perhaps your object identifier is invalid?` },
		{ code: 7000, message: 'No route for that URI' },
	);
}

function verifyUserToken(req: RouteRequest): Reply {
	if (req.principal.kind !== 'user-token') {
		return fail(401, { code: 1000, message: 'Invalid API Token' });
	}
	return tokenStatus(req.principal);
}

function verifyAccountToken(req: RouteRequest): Reply {
	if (req.principal.kind === 'global-key') {
		return fail(401, { code: 1000, message: 'Invalid API Token' });
	}
	return tokenStatus(req.principal);
}

function tokenStatus(principal: Principal): Reply {
	return ok({ id: principal.id, status: 'active' }, {}, [
		{ code: 10000, message: 'This API Token is valid and active', type: null },
	]);
}

function currentUser(req: RouteRequest): Reply {
	if (req.principal.kind === 'account-token') {
		return fail(403, { code: 9109, message: 'Unauthorized to access requested resource' });
	}
	return ok({
		id: req.principal.id,
		email: 'secops@example.com',
		first_name: 'Sec',
		last_name: 'Ops',
		suspended: false,
	});
}

function findUser(state: EmulatorState, accountId: string, userId: string): ZeroTrustUser | undefined {
	return state.users.get(accountId)?.find((u) => u.id === userId);
}

function resetRiskScore(req: RouteRequest, [accountId, userId]: string[], state: EmulatorState): Reply {
	if (!UUID.test(userId)) return noRoute(req.path);
	const user = findUser(state, accountId, userId);
	if (!user) return fail(404, { code: 1404, message: 'User not found' });
	user.events = [];
	user.last_reset_time = new Date().toISOString();
	return ok({});
}
