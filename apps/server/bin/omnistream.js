#!/usr/bin/env node
// The `omnistream` CLI. Plain JavaScript so Node runs it directly; tsx then loads the TypeScript sources (there
// is no build step). The import is relative to this file, so it works from any working directory.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
