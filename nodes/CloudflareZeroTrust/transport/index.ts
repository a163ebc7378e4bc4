import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'cloudflareZeroTrustApi';
const DEFAULT_BASE_URL = 'https://api.cloudflare.com/client/v4';
const REQUEST_TIMEOUT_MS = 30_000;

type Context = IExecuteFunctions | ILoadOptionsFunctions;

export interface CloudflareMessage {
	code: number;
	message: string;
	documentation_url?: string;
	source?: { pointer?: string };
}

/** Cloudflare's response envelope; it is also an item's JSON as it stands. */
export type CloudflareEnvelope<Result = unknown> = IDataObject & {
	success: boolean;
	errors: CloudflareMessage[];
	messages: CloudflareMessage[];
	result: Result;
	result_info?: IDataObject;
};

export interface RequestSpec {
	method: IHttpRequestMethods;
	/** Path below the API base URL, built only from validated ids. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
}

interface HttpResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

// One credential read per node run, not one per item.
const baseUrlByContext = new WeakMap<Context, Promise<string>>();

function getBaseUrl(ctx: Context): Promise<string> {
	let baseUrl = baseUrlByContext.get(ctx);
	if (!baseUrl) {
		baseUrl = ctx.getCredentials(CREDENTIAL_TYPE).then((credentials) => {
			const missing = missingSecret(credentials);
			if (missing) {
				throw new NodeOperationError(
					ctx.getNode(),
					`The Cloudflare Zero Trust API credential has no ${missing}`,
					{ description: 'Open the credential and fill it in; nothing was sent to Cloudflare.' },
				);
			}
			const configured = String(credentials.baseUrl ?? '').trim() || DEFAULT_BASE_URL;
			return configured.replace(/\/+$/, '');
		});
		baseUrlByContext.set(ctx, baseUrl);
	}
	return baseUrl;
}

function missingSecret(credentials: ICredentialDataDecryptedObject): string | undefined {
	const isBlank = (value: unknown) => typeof value !== 'string' || value.trim() === '';
	if (credentials.authType === 'globalApiKey') {
		if (isBlank(credentials.email)) return 'Email';
		if (isBlank(credentials.globalApiKey)) return 'Global API Key';
		return undefined;
	}
	return isBlank(credentials.apiToken) ? 'API Token' : undefined;
}

/** Sends one request and returns Cloudflare's envelope, or throws a NodeApiError carrying Cloudflare's own errors. */
export async function cloudflareApiRequest<Result = unknown>(
	this: Context,
	spec: RequestSpec,
): Promise<CloudflareEnvelope<Result>> {
	const options: IHttpRequestOptions = {
		method: spec.method,
		url: `${await getBaseUrl(this)}${spec.path}`,
		qs: spec.qs,
		body: spec.body,
		json: true,
		timeout: REQUEST_TIMEOUT_MS,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};

	let response: HttpResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			options,
		)) as HttpResponse;
	} catch (error) {
		throw networkError(this, spec, error);
	}
	return readEnvelope<Result>(this, spec, response);
}

function readEnvelope<Result>(ctx: Context, spec: RequestSpec, response: HttpResponse) {
	const { statusCode } = response;
	const body = parseBody(response.body);
	const where = `${spec.method} ${spec.path}`;

	if (!isEnvelope(body)) {
		const kind = typeof response.body === 'string' && response.body.trim() !== '' ? 'a non-JSON' : 'an empty or unexpected';
		throw apiError(ctx, spec, {
			message: `Cloudflare answered HTTP ${statusCode} with ${kind} response`,
			description: `${where} returned ${describeContentType(response.headers)}: ${snippet(response.body)}`,
			httpCode: String(statusCode),
			response: { httpCode: String(statusCode), errors: [] },
		});
	}

	if (statusCode >= 400 || body.success !== true) {
		const errors = Array.isArray(body.errors) ? body.errors : [];
		const detail = errors.length
			? errors.map((e) => `Cloudflare error ${e.code}: ${e.message}`).join('; ')
			: `Cloudflare reported a failure without an error message`;
		throw apiError(ctx, spec, {
			message: detail,
			description: `HTTP ${statusCode} from ${where}`,
			httpCode: String(statusCode),
			response: { httpCode: String(statusCode), errors, messages: body.messages ?? [] },
		});
	}
	return body as CloudflareEnvelope<Result>;
}

/**
 * n8n's helper wraps transport failures in a NodeApiError whose cause is the raw HTTP client error,
 * request headers included. Only the error code and message are kept, so no secret travels on.
 */
function networkError(ctx: Context, spec: RequestSpec, error: unknown): Error {
	if (error instanceof NodeOperationError) return error;
	const cause = (error as { cause?: { code?: string; message?: string } }).cause;
	const code = cause?.code ?? (error as { code?: string }).code;
	const reason = code ?? cause?.message ?? (error as Error).message ?? 'unknown error';
	return apiError(ctx, spec, {
		message: `Could not reach Cloudflare: ${reason}`,
		description: `${spec.method} ${spec.path} failed before a response arrived`,
		response: { code: code ?? null, errors: [] },
	});
}

interface ApiErrorParts {
	message: string;
	description: string;
	httpCode?: string;
	/** Kept as the error's `errorResponse`: Cloudflare's `errors[]` for error items. Never holds request data. */
	response: IDataObject;
}

function apiError(ctx: Context, spec: RequestSpec, parts: ApiErrorParts): NodeApiError {
	const error = new NodeApiError(ctx.getNode(), parts.response as JsonObject, {
		message: parts.message,
		description: parts.description,
		httpCode: parts.httpCode,
		itemIndex: spec.itemIndex,
	});
	// NodeApiError swaps messages naming ECONNRESET, ETIMEDOUT… for generic advice; keep ours, which
	// carries Cloudflare's own words or the exact network failure.
	error.message = parts.message;
	return error;
}

function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return undefined;
	}
}

function isEnvelope(body: unknown): body is CloudflareEnvelope {
	return typeof body === 'object' && body !== null && 'success' in body;
}

function snippet(body: unknown): string {
	const text = typeof body === 'string' ? body : JSON.stringify(body) ?? '';
	const flat = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
	return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat || '(empty body)';
}

function describeContentType(headers: HttpResponse['headers']): string {
	const type = headers['content-type'];
	return typeof type === 'string' ? type.split(';')[0] : 'no content type';
}
