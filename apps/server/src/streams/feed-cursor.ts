import { DomainError } from '@omnistream/kernel';
import { FEED_START, type FeedPosition } from '@omnistream/event-store';

/** A feed position as an opaque-looking but stable cursor: `<transaction id>.<global position>`. */
export const encodeFeedCursor = (position: FeedPosition): string =>
  `${position.transactionId}.${position.globalPosition}`;

export const decodeFeedCursor = (cursor: string | undefined): FeedPosition => {
  if (cursor === undefined || cursor === '') return FEED_START;
  const match = /^(\d{1,20})\.(\d{1,19})$/.exec(cursor);
  if (match === null)
    throw new DomainError(
      'INVALID_FEED_CURSOR',
      `after=${JSON.stringify(cursor)} is not a cursor from a previous page (<digits>.<digits>)`,
    );
  const position = { transactionId: BigInt(match[1] as string), globalPosition: BigInt(match[2] as string) };
  if (position.transactionId >= 2n ** 64n || position.globalPosition >= 2n ** 63n)
    throw new DomainError('INVALID_FEED_CURSOR', `after=${cursor} is beyond any position the feed can have`);
  return position;
};
