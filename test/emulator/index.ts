export { CloudflareEmulator, API_PREFIX } from './server';
export type { Intercept, RecordedRequest, EmulatorOptions } from './server';
export type { RateLimitOptions } from './rate-limit';
export * as fixtures from './fixtures';
