import type { INodeProperties } from 'n8n-workflow';

const UUID_PATTERN = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

export const accountLocator: INodeProperties = {
	displayName: 'Account',
	name: 'account',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: "The Cloudflare account. Leave it empty to use the credential's Account ID.",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchAccounts', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '699d98642c564d2e855e9661899b7252',
			hint: "Dashboard → Account home → the account's menu → Copy account ID",
			validation: [
				{
					type: 'regex',
					// Empty is allowed: the credential's Account ID applies.
					properties: { regex: '\\s*([0-9a-fA-F]{32})?\\s*', errorMessage: 'Not an account ID (32 hexadecimal characters)' },
				},
			],
			url: '=https://dash.cloudflare.com/{{$value}}',
		},
	],
};

export const userLocator: INodeProperties = {
	displayName: 'User',
	name: 'user',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The Zero Trust user (Zero Trust → My team → Users)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchUsers', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
			validation: [
				{
					type: 'regex',
					properties: { regex: `\\s*${UUID_PATTERN}\\s*`, errorMessage: 'Not a Zero Trust user ID (a UUID)' },
				},
			],
		},
		{
			displayName: 'By Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. ada.lovelace@example.com',
			hint: 'Looked up among the Zero Trust users of the account: exactly one must have this email',
			validation: [
				{ type: 'regex', properties: { regex: '\\s*[^\\s@]+@[^\\s@]+\\s*', errorMessage: 'Not an email address' } },
			],
		},
	],
};

export const returnAllAndLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];
