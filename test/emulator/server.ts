import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Reply } from './envelope';
import { fail } from './envelope';
import type { Principal } from './fixtures';
import { GLOBAL_KEYS, TOKENS } from './fixtures';
import type { RateLimitOptions } from './rate-limit';
import { RateLimiter } from './rate-limit';
import { EmulatorState, route } from './routes';

export const API_PREFIX = '/client/v4';

export interface RecordedRequest {
	method: string;
	/** Path below the API prefix, without the query string. */
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	/** The raw body as received; '' when there was none. */
	body: string;
	at: number;
	/** What the emulator answered; absent for dropped or hanging requests. */
	response?: {
		status: number;
		/** The body as sent; for an interrupted answer, only the part sent before the reset. */
		body: string;
		headers: Record<string, string>;
		/** When the answer was sent (ms since the epoch, the same clock as `at`). */
		at: number;
		/** The connection was reset after the headers and part of the body. */
		interrupted?: true;
	};
}

/** A canned answer for matching requests, taking precedence over the emulated API (Cloudflare's edge answers first too). */
export interface Intercept {
	method?: string;
	path: string | RegExp;
	/** How many requests it answers before it stops matching; every one when left out. */
	times?: number;
	/** The answer; a function makes one per request (a page that echoes the `page` asked for, say). */
	reply?: Reply | ((request: RecordedRequest) => Reply);
	delayMs?: number;
	/**
	 * 'drop': close the connection without an answer; 'hang': never answer; 'reset': send the
	 * headers and half the body of the answer (`reply`, else the API's own, its work done), then
	 * reset the connection.
	 */
	fault?: 'drop' | 'hang' | 'reset';
}

export interface EmulatorOptions {
	/** Added before every answer, as the network and Cloudflare's edge would. */
	latencyMs?: number;
	/** Cloudflare's per-token rate limit, with its `Ratelimit` headers on every API answer; off when left out. */
	rateLimit?: RateLimitOptions;
}

export class CloudflareEmulator {
	readonly requests: RecordedRequest[] = [];
	state = new EmulatorState();
	private intercepts: Intercept[] = [];
	private server: Server | undefined;
	private port = 0;
	private readonly rateLimiter: RateLimiter | undefined;

	constructor(private readonly options: EmulatorOptions = {}) {
		this.rateLimiter = options.rateLimit && new RateLimiter(options.rateLimit);
	}

	/** The API base URL, as a credential's "API Base URL" would hold it. */
	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}${API_PREFIX}`;
	}

	async start(port = 0): Promise<this> {
		const server = createServer((req, res) => void this.handle(req, res));
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', resolve);
		});
		this.server = server;
		this.port = (server.address() as AddressInfo).port;
		return this;
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	intercept(intercept: Intercept): void {
		this.intercepts.push({ ...intercept });
	}

	/** Forget requests, intercepts and state changes: a fresh Cloudflare for the next test. */
	reset(): void {
		this.requests.length = 0;
		this.intercepts = [];
		this.state = new EmulatorState();
		this.rateLimiter?.reset();
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const body = await readBody(req);
		const url = new URL(req.url ?? '/', 'http://emulator');
		const recorded: RecordedRequest = {
			method: req.method ?? 'GET',
			path: url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: flattenHeaders(req),
			body,
			at: Date.now(),
		};
		this.requests.push(recorded);

		const intercept = this.takeIntercept(recorded);
		const delayMs = (this.options.latencyMs ?? 0) + (intercept?.delayMs ?? 0);
		if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));

		if (intercept?.fault === 'hang') return;
		if (intercept?.fault === 'drop') {
			req.socket.destroy();
			return;
		}
		const canned = typeof intercept?.reply === 'function' ? intercept.reply(recorded) : intercept?.reply;
		const reply = canned ?? this.answer(recorded, url.searchParams);
		recorded.response =
			intercept?.fault === 'reset' ? sendHalfThenReset(res, reply) : send(res, reply);
	}

	private takeIntercept(request: RecordedRequest): Intercept | undefined {
		const found = this.intercepts.find(
			(i) =>
				(i.method === undefined || i.method === request.method) &&
				(typeof i.path === 'string' ? i.path === request.path : i.path.test(request.path)) &&
				(i.times === undefined || i.times > 0),
		);
		if (found?.times !== undefined) found.times -= 1;
		return found;
	}

	private answer(request: RecordedRequest, query: URLSearchParams): Reply {
		const principal = authenticate(request);
		const limit = this.rateLimiter?.take('status' in principal ? 'unauthenticated' : principal.id);
		if (!limit) return this.answerAs(principal, request, query);
		const reply = limit.refused ?? this.answerAs(principal, request, query);
		return { ...reply, headers: { ...limit.headers, ...reply.headers } };
	}

	private answerAs(principal: Principal | Reply, request: RecordedRequest, query: URLSearchParams): Reply {
		if ('status' in principal) return principal;
		let parsed: unknown;
		if (request.body) {
			try {
				parsed = JSON.parse(request.body);
			} catch {
				return fail(400, { code: 6007, message: 'Malformed JSON in request body' });
			}
		}
		return route({ method: request.method, path: request.path, query, body: parsed, principal }, this.state);
	}
}

/** Cloudflare's own checks: one scheme, no empty header, known secrets. */
function authenticate({ headers, path }: RecordedRequest): Principal | Reply {
	const authorization = headers['authorization'];
	const email = headers['x-auth-email'];
	const key = headers['x-auth-key'];
	const usesKey = email !== undefined || key !== undefined;

	if (authorization !== undefined && usesKey) {
		return invalidHeaders(6003, 'Send either an API token or X-Auth-Email and X-Auth-Key, not both');
	}
	if (authorization !== undefined) {
		const match = /^Bearer (\S+)$/.exec(authorization);
		if (!match) return invalidHeaders(6111, 'Invalid format for Authorization header');
		const principal = Object.hasOwn(TOKENS, match[1]) ? TOKENS[match[1]] : undefined;
		if (principal) return principal;
		return path.endsWith('/tokens/verify')
			? fail(401, { code: 1000, message: 'Invalid API Token' })
			: fail(401, { code: 10000, message: 'Authentication error' });
	}
	if (usesKey) {
		if (!email) return invalidHeaders(6102, 'Invalid format for X-Auth-Email header');
		if (!key) return invalidHeaders(6103, 'Invalid format for X-Auth-Key header');
		const known = Object.hasOwn(GLOBAL_KEYS, email.toLowerCase()) ? GLOBAL_KEYS[email.toLowerCase()] : undefined;
		if (known && known.key === key) return known.principal;
		return fail(403, { code: 9103, message: 'Unknown X-Auth-Key or X-Auth-Email' });
	}
	return fail(401, { code: 10000, message: 'Authentication error' });
}

function invalidHeaders(code: number, message: string): Reply {
	return fail(400, { code: 6003, message: 'Invalid request headers', error_chain: [{ code, message }] });
}

type SentReply = NonNullable<RecordedRequest['response']>;

function send(res: ServerResponse, reply: Reply): SentReply {
	const { payload, headers } = encode(reply);
	res.writeHead(reply.status, headers);
	res.end(payload);
	return { status: reply.status, body: payload, headers, at: Date.now() };
}

function sendHalfThenReset(res: ServerResponse, reply: Reply): SentReply {
	const { payload, headers } = encode(reply);
	const part = payload.slice(0, Math.floor(payload.length / 2));
	res.writeHead(reply.status, headers);
	// Flushed first, so the client has the headers and a partial body when the reset arrives.
	res.write(part, () => res.socket?.resetAndDestroy());
	return { status: reply.status, body: part, headers, at: Date.now(), interrupted: true };
}

function encode(reply: Reply): { payload: string; headers: Record<string, string> } {
	const isText = typeof reply.body === 'string';
	const payload = reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body);
	const headers = {
		'content-type': isText ? 'text/html; charset=UTF-8' : 'application/json',
		'content-length': String(Buffer.byteLength(payload)),
		...reply.headers,
	};
	return { payload, headers };
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}
