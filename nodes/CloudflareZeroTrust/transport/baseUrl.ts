export const DEFAULT_BASE_URL = 'https://api.cloudflare.com/client/v4';

// After URL parsing, so that 127.1 or 0x7f.0.0.1 have become 127.0.0.1 already.
const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/i;

/**
 * The credentials travel with every request, so they may only go over https, or over plain http
 * to this very machine (a local emulator in tests). Returns what is wrong, or undefined.
 */
export function baseUrlProblem(baseUrl: string): string | undefined {
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		return `The credential's API Base URL is not a valid URL (expected something like ${DEFAULT_BASE_URL})`;
	}
	if (url.protocol === 'https:') return undefined;
	if (url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname)) return undefined;
	return (
		`The credential's API Base URL must start with https:// (got ${url.protocol}//${url.host}); ` +
		'plain http is allowed only for loopback addresses such as 127.0.0.1, used for testing'
	);
}
