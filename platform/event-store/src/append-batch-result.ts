import type { EventEnvelope } from '@omnistream/kernel';
import { idConflict, versionConflict } from './append-errors.js';
import { toIso } from './event-row.js';
import type { AppendResult } from './append-result.js';
import type { AppendPayload } from './validate-append.js';

/** One call of the append function for a whole batch; the second parameter asks it to look up stored ids. */
export const APPEND_SQL =
  'select idx, outcome, stream_version::text as stream_version, positions, transaction_id, now() as recorded_at ' +
  'from omnistream.append_batch($1::text::jsonb, $2::boolean)';

/** What `omnistream.append_batch` says about one append of the batch. */
export interface AppendBatchRow {
  readonly idx: number;
  readonly outcome: 'ok' | 'duplicate' | 'conflict' | 'id_conflict';
  readonly stream_version: string | number;
  readonly positions: readonly (string | number | bigint)[] | null;
  readonly transaction_id: string | null;
  readonly recorded_at: Date | string;
}

/** Turns one append's outcome into its result (the committed envelopes) or the error its caller gets. */
export const toAppendResult = (payload: AppendPayload, row: AppendBatchRow): AppendResult | Error => {
  const version = Number(row.stream_version);
  switch (row.outcome) {
    case 'conflict':
      return versionConflict(payload.s, payload.e, version);
    case 'id_conflict':
      return idConflict(payload.s);
    case 'duplicate':
      return { streamId: payload.s, nextExpectedVersion: version, events: [], duplicate: true };
    case 'ok': {
      const first = version - payload.ev.length + 1;
      const positions = row.positions ?? [];
      const transactionId = BigInt(row.transaction_id ?? 0);
      const recordedAt = toIso(row.recorded_at);
      const events = payload.ev.map((event, index): EventEnvelope => ({
        id: event.id,
        type: event.type,
        streamId: payload.s,
        version: first + index,
        data: event.data,
        metadata: event.metadata as EventEnvelope['metadata'],
        globalPosition: BigInt(positions[index] ?? 0),
        transactionId,
        recordedAt,
      }));
      return { streamId: payload.s, nextExpectedVersion: version, events, duplicate: false };
    }
  }
};
