import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A closed contract for `TicketIssued` data: a ticket id and a non-negative total in minor units. */
export const ticketIssuedSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: { ticketId: { type: 'string' }, total: { type: 'integer', minimum: 0 } },
  required: ['ticketId', 'total'],
  additionalProperties: false,
};

/** A temporary contracts folder holding `<context>/ticket/TicketIssued.v1.schema.json`; `remove` deletes it. */
export const ticketContractFolder = async (
  context: string,
): Promise<{ dir: string; remove: () => Promise<void> }> => {
  const dir = await mkdtemp(join(tmpdir(), 'omnistream-contracts-'));
  await mkdir(join(dir, context, 'ticket'), { recursive: true });
  await writeFile(
    join(dir, context, 'ticket', 'TicketIssued.v1.schema.json'),
    JSON.stringify(ticketIssuedSchema),
  );
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
};
