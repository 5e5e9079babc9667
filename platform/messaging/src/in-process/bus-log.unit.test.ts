import { describe, expect, it } from 'vitest';
import { parsePublishedPayload, publishedPayload } from './bus-log.js';

describe('bus notifications', () => {
  it('name the topic and the partition written', () => {
    expect(parsePublishedPayload(publishedPayload('orders.order', 3))).toEqual({
      topic: 'orders.order',
      partition: 3,
    });
  });

  it('read a bare topic, as earlier versions send it, as every partition of it', () => {
    expect(parsePublishedPayload('orders.order')).toEqual({ topic: 'orders.order' });
  });

  it('do not take a trailing word that is not a partition number for one', () => {
    expect(parsePublishedPayload('orders.order x')).toEqual({ topic: 'orders.order x' });
    expect(parsePublishedPayload('orders.order -1')).toEqual({ topic: 'orders.order -1' });
  });
});
