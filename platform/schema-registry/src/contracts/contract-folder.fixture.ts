import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throw-away contracts folder: relative path to file content (objects are written as JSON). */
export const contractFolder = async (files: Record<string, unknown>) => {
  const dir = await mkdtemp(join(tmpdir(), 'omnistream-contracts-'));
  const write = async (more: Record<string, unknown>) => {
    for (const [path, content] of Object.entries(more)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(
        join(dir, path),
        typeof content === 'string' ? content : JSON.stringify(content, null, 2),
      );
    }
  };
  await write(files);
  return { dir, write, remove: () => rm(dir, { recursive: true, force: true }) };
};

export const orderPlacedV1 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    orderId: { type: 'string' },
    lines: {
      type: 'array',
      minItems: 1,
      items: { $ref: '#/$defs/line' },
    },
  },
  required: ['orderId', 'lines'],
  additionalProperties: false,
  $defs: {
    line: {
      type: 'object',
      properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } },
      required: ['sku', 'quantity'],
      additionalProperties: false,
    },
  },
};
