import type { IDataObject } from 'n8n-workflow';

import type { CloudflareEnvelope } from '../transport';
import type { OutputMode } from './parameters';
import type { ResolvedUser } from './resolution';

export type ItemOutput = IDataObject | IDataObject[];

/** Full Envelope: Cloudflare's answer as one item. Result: `result`, one item per element. */
export function shapeOutput(mode: OutputMode, envelope: CloudflareEnvelope, result: ItemOutput): ItemOutput {
	return mode === 'envelope' ? envelope : result;
}

/** A user found by email is named in every item of the output: `user: { id, email }`. */
export function showResolvedUser(output: ItemOutput, user: ResolvedUser): ItemOutput {
	if (user.email === undefined) return output;
	const identified = (json: IDataObject) => ({ ...json, user: { id: user.id, email: user.email } });
	return Array.isArray(output) ? output.map(identified) : identified(output);
}
