#!/usr/bin/env node
// The gqa-lut command (see src/cli/main.ts); runs the built package in dist/ (npm run build).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
