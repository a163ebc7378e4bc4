import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { baseUrlProblem, insecureTransport } from '../nodes/CloudflareZeroTrust/transport/baseUrl';

export class CloudflareZeroTrustApi implements ICredentialType {
	name = 'cloudflareZeroTrustApi';

	displayName = 'Cloudflare Zero Trust API';

	icon = { light: 'file:cloudflare.svg', dark: 'file:cloudflare.dark.svg' } as const;

	documentationUrl =
		'https://developers.cloudflare.com/fundamentals/api/get-started/create-token/';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{
					name: 'API Token',
					value: 'apiToken',
					description: 'A scoped API token (recommended)',
				},
				{
					name: 'API Email + Global API Key',
					value: 'globalApiKey',
					description: 'Your account email and the legacy Global API Key',
				},
			],
			default: 'apiToken',
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Create one under My Profile → API Tokens, with the Zero Trust permissions the operations need',
			displayOptions: { show: { authType: ['apiToken'] } },
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			displayOptions: { show: { authType: ['globalApiKey'] } },
		},
		{
			displayName: 'Global API Key',
			name: 'globalApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authType: ['globalApiKey'] } },
		},
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			description:
				'Optional. Set it for an account-owned API token: such tokens are verified at the account, not the user, endpoint.',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.cloudflare.com/client/v4',
			description: 'Change only for FedRAMP or for testing against a local emulator',
		},
	];

	// A function rather than the generic form: exactly one scheme is sent, never an empty header,
	// and never over plain http to another machine (this also guards the credential test).
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// An absolute URL is a whole request: this node's (built on the API Base URL it checked), or
		// the HTTP Request node's, which passes its legacy request options with the URL in `uri`.
		// Otherwise the credential test's base URL, the credential's own API Base URL.
		const url: unknown = requestOptions.url ?? (requestOptions as { uri?: unknown }).uri;
		const isAbsolute = typeof url === 'string' && /^[a-z][a-z\d+.-]*:/i.test(url);
		const problem = isAbsolute
			? insecureTransport(url, 'A URL called with the Cloudflare Zero Trust API credential')
			: requestOptions.baseURL
				? baseUrlProblem(requestOptions.baseURL)
				: undefined;
		if (problem) throw new Error(problem);
		const headers = { ...requestOptions.headers };
		if (credentials.authType === 'globalApiKey') {
			headers['X-Auth-Email'] = requireValue(credentials.email, 'Email');
			headers['X-Auth-Key'] = requireValue(credentials.globalApiKey, 'Global API Key');
		} else {
			headers.Authorization = `Bearer ${requireValue(credentials.apiToken, 'API Token')}`;
		}
		return { ...requestOptions, headers };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl || "https://api.cloudflare.com/client/v4").replace(/\\/+$/, "") }}',
			url: '={{ $credentials.authType === "globalApiKey" ? "/user" : ($credentials.accountId ? "/accounts/" + encodeURIComponent(String($credentials.accountId).trim().toLowerCase()) + "/tokens/verify" : "/user/tokens/verify") }}',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message:
						'Cloudflare refused the request: check the token, email or key for stray characters, and that the Account ID is 32 hexadecimal characters',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Cloudflare did not accept this API token. If it is an account-owned token, set the Account ID.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'Cloudflare did not accept these credentials (unknown email or Global API Key, or no access to the account)',
				},
			},
		],
	};
}

function requireValue(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) throw new Error(`The Cloudflare Zero Trust API credential has no ${field}`);
	return text;
}
