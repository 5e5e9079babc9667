#!/usr/bin/env node
// Runs a benchmark from its TypeScript source: `npm run bench -- <name> [--quick]` (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
