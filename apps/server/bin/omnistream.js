#!/usr/bin/env -S node --max-semi-space-size=64
// --max-semi-space-size=64 (MiB): a larger young generation. A relay, proxy or consumer allocates a great deal that
// dies young (rows, envelopes, messages); with Node's default of 16 MiB, scavenges took a fifth of the outbox
// relay's CPU, and 64 MiB cut its CPU per event by about a quarter. `npm start` passes it too; when starting with
// plain `node`, pass it yourself (or NODE_OPTIONS=--max-semi-space-size=64).
// The `omnistream` CLI. Plain JavaScript so Node runs it directly; tsx then loads the TypeScript sources (there
// is no build step). The import is relative to this file, so it works from any working directory.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
