import type { ICredentialDataDecryptedObject, INode, INodeParameters, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { LoadOptionsContext } from 'n8n-core';

import { CloudflareZeroTrustApi } from '../../credentials/CloudflareZeroTrustApi.credentials';
import { CloudflareZeroTrust } from '../../nodes/CloudflareZeroTrust/CloudflareZeroTrust.node';
import { CREDENTIAL_ID, NODE_TYPE } from './cloudflare';
import { TestCredentialsHelper } from './credentials-helper';
import { createAdditionalData, nodeTypeRegistry } from './run-workflow';

/**
 * What n8n's server does when the editor opens a list (DynamicNodeParametersService): a temporary
 * workflow holding only the node with the parameters the editor currently shows, a LoadOptionsContext
 * for the parameter's path, and the node's method called on it with the search filter and page token.
 */
function loadOptionsContext(
	parameters: INodeParameters,
	credential: ICredentialDataDecryptedObject,
	path: string,
): LoadOptionsContext {
	const node: INode = {
		parameters,
		id: 'uuid-1234',
		name: 'Temp-Node',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		credentials: { cloudflareZeroTrustApi: { id: CREDENTIAL_ID, name: 'Cloudflare' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypeRegistry({ [NODE_TYPE]: new CloudflareZeroTrust() }),
	});
	const credentialType = new CloudflareZeroTrustApi();
	const helper = new TestCredentialsHelper({ [credentialType.name]: credentialType }, { [CREDENTIAL_ID]: credential });
	const additionalData = { ...createAdditionalData(helper, 'load-options'), currentNodeParameters: parameters };
	return new LoadOptionsContext(workflow, workflow.nodes['Temp-Node'], additionalData, path);
}

export async function callListSearch(options: {
	method: string;
	parameters: INodeParameters;
	credential: ICredentialDataDecryptedObject;
	/** The parameter whose list is open, e.g. "user". */
	path: string;
	filter?: string;
	paginationToken?: string;
}) {
	const method = (new CloudflareZeroTrust() as INodeType).methods?.listSearch?.[options.method];
	if (typeof method !== 'function') throw new Error(`The node has no listSearch method ${options.method}`);
	const context = loadOptionsContext(options.parameters, options.credential, options.path);
	return method.call(context, options.filter, options.paginationToken);
}

export async function callLoadOptions(options: {
	method: string;
	parameters: INodeParameters;
	credential: ICredentialDataDecryptedObject;
	path: string;
}) {
	const method = (new CloudflareZeroTrust() as INodeType).methods?.loadOptions?.[options.method];
	if (typeof method !== 'function') throw new Error(`The node has no loadOptions method ${options.method}`);
	return method.call(loadOptionsContext(options.parameters, options.credential, options.path));
}
