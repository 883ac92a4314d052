#!/usr/bin/env node
// Writes securestore-audit.schema.json from the rules' option schemas.
// The test suite fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { configSchema } from '../dist/src/audit/config.js';

writeFileSync(new URL('../securestore-audit.schema.json', import.meta.url), `${JSON.stringify(configSchema(), null, 2)}\n`);
