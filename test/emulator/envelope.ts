export interface Message {
	code: number;
	message: string;
	[key: string]: unknown;
}

export interface Reply {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

export function ok(result: unknown, extra: Record<string, unknown> = {}, messages: Message[] = []): Reply {
	return { status: 200, body: { success: true, errors: [], messages, result, ...extra } };
}

export function fail(status: number, ...errors: Message[]): Reply {
	return { status, body: { success: false, errors, messages: [], result: null } };
}
