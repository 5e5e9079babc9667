import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A closed contract for `OrderPlaced` data: an order id and a non-negative total in minor units. */
export const orderPlacedSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: { orderId: { type: 'string' }, total: { type: 'integer', minimum: 0 } },
  required: ['orderId', 'total'],
  additionalProperties: false,
};

/** A temporary contracts folder holding `<context>/order/OrderPlaced.v1.schema.json`; `remove` deletes it. */
export const orderContractFolder = async (
  context: string,
): Promise<{ dir: string; remove: () => Promise<void> }> => {
  const dir = await mkdtemp(join(tmpdir(), 'omnistream-contracts-'));
  await mkdir(join(dir, context, 'order'), { recursive: true });
  await writeFile(
    join(dir, context, 'order', 'OrderPlaced.v1.schema.json'),
    JSON.stringify(orderPlacedSchema),
  );
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
};
