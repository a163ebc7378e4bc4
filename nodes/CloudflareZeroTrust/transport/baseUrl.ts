export const DEFAULT_BASE_URL = 'https://api.cloudflare.com/client/v4';

// After URL parsing, so that 127.1 or 0x7f.0.0.1 have become 127.0.0.1 already.
const LOOPBACK_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/i;

const BASE_URL = "The credential's API Base URL";
const notAUrl = (subject: string) => `${subject} is not a valid URL (expected something like ${DEFAULT_BASE_URL})`;

/**
 * What is wrong with the credential's API Base URL, or undefined. Every request path is appended
 * to it, so it must be a plain address (nothing that changes where a request lands), and the
 * credentials travel over it (see `insecureTransport`).
 */
export function baseUrlProblem(baseUrl: string): string | undefined {
	const url = parse(baseUrl);
	if (!url) return notAUrl(BASE_URL);
	const isPlain =
		!url.username &&
		!url.password &&
		!/[?#%]/.test(baseUrl) &&
		!/\/\.{1,2}(\/|$)/.test(baseUrl) &&
		/^[\w.~/-]*$/.test(url.pathname);
	if (!isPlain) {
		return (
			`${BASE_URL} must be a plain address such as ${DEFAULT_BASE_URL}: ` +
			'no query (?), fragment (#), user name, dot segments or escaped characters'
		);
	}
	return insecureTransport(baseUrl, BASE_URL);
}

/**
 * The credentials may only travel over https, or over plain http to this very machine (a local
 * emulator in tests). For any URL a request goes to; returns what is wrong, or undefined.
 * `subject` names the URL in the message.
 */
export function insecureTransport(target: string, subject: string): string | undefined {
	const url = parse(target);
	if (!url) return notAUrl(subject);
	if (url.protocol === 'https:') return undefined;
	if (url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname)) return undefined;
	return (
		`${subject} must start with https:// (got ${url.protocol}//${url.host}); ` +
		'plain http is allowed only for loopback addresses such as 127.0.0.1, used for testing'
	);
}

function parse(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}
