export { CloudflareEmulator, API_PREFIX } from './server';
export type { Intercept, RecordedRequest, EmulatorOptions } from './server';
export * as fixtures from './fixtures';
