import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Imported before n8n-core, which writes its settings under N8N_USER_FOLDER (else ~/.n8n) on load.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-cf-zt-demo-'));
// n8n's error reporter would print node errors a second time; the demo prints them itself.
process.env.N8N_LOG_LEVEL ??= 'silent';
