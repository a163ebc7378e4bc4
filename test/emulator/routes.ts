import { randomUUID } from 'node:crypto';

import type { Behavior, Integration, Principal, RiskLevel, ZeroTrustUser } from './fixtures';
import { ACCOUNTS, RISK_LEVELS, seedBehaviors, seedIntegrations, seedUsers, wellKnownUrl } from './fixtures';
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
	behaviors = new Map(ACCOUNTS.map((account) => [account.id, seedBehaviors()]));
	integrations = seedIntegrations();
}

/** The users list answers in small pages, so that following `result_info` to the end matters. */
export const USERS_MAX_PER_PAGE = 10;
const ACCOUNTS_MAX_PER_PAGE = 50;

const HEX32 = '([0-9a-f]{32})';
const SEGMENT = '([^/]+)';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const RISK = `^/accounts/${HEX32}/zt_risk_scoring`;

const routes: Route[] = [
	{ method: 'GET', pattern: /^\/user\/tokens\/verify$/, handler: verifyUserToken },
	{ method: 'GET', pattern: new RegExp(`^/accounts/${HEX32}/tokens/verify$`), handler: verifyAccountToken },
	{ method: 'GET', pattern: /^\/user$/, handler: currentUser },
	{ method: 'GET', pattern: /^\/accounts$/, handler: listAccounts },
	{ method: 'GET', pattern: new RegExp(`^/accounts/${HEX32}/access/users$`), handler: listUsers },
	{ method: 'GET', pattern: new RegExp(`${RISK}/summary$`), handler: riskSummary },
	{ method: 'GET', pattern: new RegExp(`${RISK}/behaviors$`), handler: getBehaviors },
	{ method: 'PUT', pattern: new RegExp(`${RISK}/behaviors$`), write: true, handler: putBehaviors },
	{ method: 'GET', pattern: new RegExp(`${RISK}/integrations$`), handler: listIntegrations },
	{ method: 'POST', pattern: new RegExp(`${RISK}/integrations$`), write: true, handler: createIntegration },
	{
		method: 'GET',
		pattern: new RegExp(`${RISK}/integrations/reference_id/${SEGMENT}$`),
		handler: getIntegrationByReferenceId,
	},
	{ method: 'GET', pattern: new RegExp(`${RISK}/integrations/${SEGMENT}$`), handler: getIntegration },
	{ method: 'PUT', pattern: new RegExp(`${RISK}/integrations/${SEGMENT}$`), write: true, handler: updateIntegration },
	{
		method: 'DELETE',
		pattern: new RegExp(`${RISK}/integrations/${SEGMENT}$`),
		write: true,
		handler: deleteIntegration,
	},
	{ method: 'POST', pattern: new RegExp(`${RISK}/${SEGMENT}/reset$`), write: true, handler: resetRiskScore },
	{ method: 'GET', pattern: new RegExp(`${RISK}/${SEGMENT}$`), handler: userRiskDetails },
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

function badRequest(message: string): Reply {
	return fail(400, { code: 10001, message });
}

interface Page<T> {
	items: T[];
	page: number;
	perPage: number;
}

/** Cloudflare's `page` / `per_page` query parameters: 1-based, with a default and a maximum page size. */
function pageOf<T>(all: T[], query: URLSearchParams, defaultPerPage: number, maxPerPage: number): Page<T> | Reply {
	const page = positiveInteger(query.get('page'), 1);
	const requested = positiveInteger(query.get('per_page'), defaultPerPage);
	if (page === undefined) return badRequest('page must be a positive integer');
	if (requested === undefined) return badRequest('per_page must be a positive integer');
	const perPage = Math.min(requested, maxPerPage);
	return { items: all.slice((page - 1) * perPage, page * perPage), page, perPage };
}

function positiveInteger(text: string | null, fallback: number): number | undefined {
	if (text === null) return fallback;
	return /^[1-9][0-9]*$/.test(text) ? Number(text) : undefined;
}

const contains = (text: string, part: string) => text.toLowerCase().includes(part.toLowerCase());

function listAccounts(req: RouteRequest): Reply {
	const name = req.query.get('name');
	const visible = ACCOUNTS.filter(
		(account) => req.principal.accounts.includes(account.id) && (name === null || contains(account.name, name)),
	);
	const page = pageOf(visible, req.query, 20, ACCOUNTS_MAX_PER_PAGE);
	if ('status' in page) return page;
	return ok(
		page.items.map(({ id, name, type, created_on }) => ({
			id,
			name,
			type,
			settings: { enforce_twofactor: false, use_account_custom_ns_by_default: false },
			created_on,
		})),
		{
			result_info: {
				page: page.page,
				per_page: page.perPage,
				total_pages: Math.ceil(visible.length / page.perPage),
				count: page.items.length,
				total_count: visible.length,
			},
		},
	);
}

/** `email`, `name` and `search` match parts, case-insensitively: an email filter can find several users. */
function listUsers(req: RouteRequest, [accountId]: string[], state: EmulatorState): Reply {
	const all = state.users.get(accountId) ?? [];
	const email = req.query.get('email');
	const name = req.query.get('name');
	const search = req.query.get('search');
	const matching = all.filter(
		(user) =>
			(email === null || contains(user.email, email)) &&
			(name === null || contains(user.name, name)) &&
			(search === null || contains(user.email, search) || contains(user.name, search)),
	);
	const page = pageOf(matching, req.query, USERS_MAX_PER_PAGE, USERS_MAX_PER_PAGE);
	if ('status' in page) return page;
	return ok(page.items.map(directoryEntry), {
		// As Cloudflare documents it: total_count counts the account's users without the search parameters.
		result_info: { page: page.page, per_page: page.perPage, count: page.items.length, total_count: all.length },
	});
}

function directoryEntry(user: ZeroTrustUser) {
	const { events: _events, last_reset_time: _lastReset, ...entry } = user;
	return entry;
}

// Users by id, per account list: a search through the list on every request made the emulator the
// bottleneck of 50,000-user benchmark runs. Rebuilt when users were added since.
const userIndexes = new WeakMap<ZeroTrustUser[], Map<string, ZeroTrustUser>>();

function findUser(state: EmulatorState, accountId: string, userId: string): ZeroTrustUser | undefined {
	const users = state.users.get(accountId);
	if (!users) return undefined;
	let index = userIndexes.get(users);
	if (!index || index.size !== users.length) {
		index = new Map(users.map((user) => [user.id, user]));
		userIndexes.set(users, index);
	}
	return index.get(userId);
}

function highestRisk(levels: RiskLevel[]): RiskLevel {
	return levels.reduce<RiskLevel>(
		(highest, level) => (RISK_LEVELS.indexOf(level) > RISK_LEVELS.indexOf(highest) ? level : highest),
		'low',
	);
}

function resetRiskScore(req: RouteRequest, [accountId, userId]: string[], state: EmulatorState): Reply {
	if (!UUID.test(userId)) return noRoute(req.path);
	const user = findUser(state, accountId, userId);
	if (!user) return fail(404, { code: 1404, message: 'User not found' });
	user.events = [];
	user.last_reset_time = new Date().toISOString();
	return ok({});
}

function userRiskDetails(req: RouteRequest, [accountId, userId]: string[], state: EmulatorState): Reply {
	if (!UUID.test(userId)) return noRoute(req.path);
	const user = findUser(state, accountId, userId);
	if (!user) return fail(404, { code: 1404, message: 'User not found' });
	return ok({
		name: user.name,
		email: user.email,
		events: user.events,
		last_reset_time: user.last_reset_time,
		risk_level: highestRisk(user.events.map((e) => e.risk_level)),
	});
}

/** Every user with risk events, the most recent activity first. */
function riskSummary(_req: RouteRequest, [accountId]: string[], state: EmulatorState): Reply {
	const users = (state.users.get(accountId) ?? [])
		.filter((user) => user.events.length > 0)
		.map((user) => ({
			user_id: user.id,
			name: user.name,
			email: user.email,
			max_risk_level: highestRisk(user.events.map((e) => e.risk_level)),
			event_count: user.events.length,
			last_event: user.events.map((e) => e.timestamp).sort().at(-1)!,
		}))
		.sort((a, b) => b.last_event.localeCompare(a.last_event));
	return ok({ users });
}

function behaviorsOf(state: EmulatorState, accountId: string): Record<string, Behavior> {
	return state.behaviors.get(accountId)!;
}

function getBehaviors(_req: RouteRequest, [accountId]: string[], state: EmulatorState): Reply {
	return ok({ behaviors: behaviorsOf(state, accountId) });
}

/** Cloudflare replaces the account's settings with the body: it must name every behavior, each with both fields. */
function putBehaviors(req: RouteRequest, [accountId]: string[], state: EmulatorState): Reply {
	const current = behaviorsOf(state, accountId);
	const sent = (req.body as { behaviors?: unknown } | undefined)?.behaviors;
	if (typeof sent !== 'object' || sent === null || Array.isArray(sent)) {
		return badRequest('behaviors: expected an object of behaviors by key');
	}
	const updates = sent as Record<string, { enabled?: unknown; risk_level?: unknown }>;
	for (const [key, update] of Object.entries(updates)) {
		if (!Object.hasOwn(current, key)) return badRequest(`behaviors.${key}: unknown behavior`);
		if (typeof update?.enabled !== 'boolean') return badRequest(`behaviors.${key}.enabled: expected a boolean`);
		if (!RISK_LEVELS.includes(update.risk_level as RiskLevel)) {
			return badRequest(`behaviors.${key}.risk_level: expected low, medium or high`);
		}
	}
	const missing = Object.keys(current).filter((key) => !Object.hasOwn(updates, key));
	if (missing.length) return badRequest(`behaviors: missing ${missing.join(', ')}`);
	for (const [key, update] of Object.entries(updates)) {
		current[key] = { ...current[key], enabled: update.enabled as boolean, risk_level: update.risk_level as RiskLevel };
	}
	return ok({ behaviors: current });
}

function integrationsOf(state: EmulatorState, accountId: string): Integration[] {
	let list = state.integrations.get(accountId);
	if (!list) state.integrations.set(accountId, (list = []));
	return list;
}

const integrationNotFound = () => fail(404, { code: 1404, message: 'Integration not found' });

function isHttpsUrl(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	try {
		return new URL(value).protocol === 'https:';
	} catch {
		return false;
	}
}

function listIntegrations(_req: RouteRequest, [accountId]: string[], state: EmulatorState): Reply {
	return ok(integrationsOf(state, accountId));
}

function createIntegration(req: RouteRequest, [accountId]: string[], state: EmulatorState): Reply {
	const body = (req.body ?? {}) as { integration_type?: unknown; tenant_url?: unknown; reference_id?: unknown };
	if (body.integration_type !== 'Okta') return badRequest('integration_type: expected "Okta"');
	if (!isHttpsUrl(body.tenant_url)) return badRequest('tenant_url: expected an https URL');
	if (body.reference_id !== undefined && body.reference_id !== null && typeof body.reference_id !== 'string') {
		return badRequest('reference_id: expected a string');
	}
	const id = randomUUID();
	const integration: Integration = {
		id,
		account_tag: accountId,
		integration_type: 'Okta',
		reference_id: (body.reference_id as string | null | undefined) ?? '',
		tenant_url: body.tenant_url,
		well_known_url: wellKnownUrl(id),
		active: true,
		created_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
	};
	integrationsOf(state, accountId).push(integration);
	return ok(integration);
}

function getIntegration(req: RouteRequest, [accountId, id]: string[], state: EmulatorState): Reply {
	if (!UUID.test(id)) return noRoute(req.path);
	const found = integrationsOf(state, accountId).find((i) => i.id === id);
	return found ? ok(found) : integrationNotFound();
}

function getIntegrationByReferenceId(_req: RouteRequest, [accountId, encoded]: string[], state: EmulatorState): Reply {
	const referenceId = decodeURIComponent(encoded);
	const found = integrationsOf(state, accountId).find((i) => i.reference_id === referenceId);
	return found ? ok(found) : integrationNotFound();
}

function updateIntegration(req: RouteRequest, [accountId, id]: string[], state: EmulatorState): Reply {
	if (!UUID.test(id)) return noRoute(req.path);
	const integration = integrationsOf(state, accountId).find((i) => i.id === id);
	if (!integration) return integrationNotFound();
	const body = (req.body ?? {}) as { tenant_url?: unknown; active?: unknown; reference_id?: unknown };
	if (!isHttpsUrl(body.tenant_url)) return badRequest('tenant_url: expected an https URL');
	if (typeof body.active !== 'boolean') return badRequest('active: expected a boolean');
	if (body.reference_id !== undefined && body.reference_id !== null && typeof body.reference_id !== 'string') {
		return badRequest('reference_id: expected a string');
	}
	integration.tenant_url = body.tenant_url;
	integration.active = body.active;
	if (body.reference_id !== undefined) integration.reference_id = (body.reference_id as string | null) ?? '';
	return ok(integration);
}

function deleteIntegration(req: RouteRequest, [accountId, id]: string[], state: EmulatorState): Reply {
	if (!UUID.test(id)) return noRoute(req.path);
	const list = integrationsOf(state, accountId);
	const index = list.findIndex((i) => i.id === id);
	if (index === -1) return integrationNotFound();
	list.splice(index, 1);
	return ok(null);
}
