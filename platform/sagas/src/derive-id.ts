import { createHash } from 'node:crypto';

/** Fixed forever: changing it changes every command and timer id, and targets would act on repeats again. */
const OMNISTREAM_SAGA_NAMESPACE = Buffer.from(
  '6f6d6e69-7374-5265-a16d-736167617321'.replace(/-/g, ''),
  'hex',
);

/**
 * A name-based UUID, version 5 (RFC 9562, section 5.5: SHA-1 over namespace and name). Deterministic, so a saga
 * that decides the same step twice sends the same command id, and stays pure.
 */
export const deriveId = (name: string): string => {
  const hash = createHash('sha1').update(OMNISTREAM_SAGA_NAMESPACE).update(name, 'utf8').digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export const commandIdOf = (streamId: string, step: string, role: 'forward' | 'compensation'): string =>
  deriveId(`${streamId}/step/${step}/${role}`);

/** The nth scheduling of a timer name in one instance gets its own id, so a re-scheduled timer fires anew. */
export const timerIdOf = (streamId: string, timer: string, scheduling: number): string =>
  deriveId(`${streamId}/timer/${timer}/${scheduling}`);
