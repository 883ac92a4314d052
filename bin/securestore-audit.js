#!/usr/bin/env node
// Thin executable: all the work is in the built CLI module.
import { run } from '../dist/src/cli/main.js';

process.exitCode = await run(process.argv);
