import { describe, expect, it } from 'vitest';
import type { EventEnvelope, EventMetadata } from '@omnistream/kernel';
import { createUpcast, type Upcaster } from './upcasters.js';
import { priceUpcasters } from './upcasters.fixture.js';

const stored = (type: string, data: unknown, metadata: EventMetadata = {}): EventEnvelope => ({
  id: '00000000-0000-7000-8000-000000000001',
  type,
  streamId: 'item-1',
  version: 3,
  data,
  metadata,
  globalPosition: 7n,
  transactionId: 42n,
  recordedAt: '2026-03-01T10:00:00.000Z',
});

describe('createUpcast', () => {
  it('raises an event through every step of the chain to the current version', () =>
    expect(
      createUpcast(priceUpcasters)(stored('PriceSet', { amount: 12.5 }, { schemaVersion: 1 })),
    ).toMatchObject({
      type: 'PriceChanged',
      data: { amountMinor: 1250, currency: 'EUR' },
      metadata: { schemaVersion: 3 },
    }));

  it('treats an event without a schemaVersion as version 1', () =>
    expect(createUpcast(priceUpcasters)(stored('PriceSet', { amount: 1 }))).toMatchObject({
      data: { amountMinor: 100, currency: 'EUR' },
    }));

  it('starts the chain at the version the event was stored with', () =>
    expect(
      createUpcast(priceUpcasters)(stored('PriceSet', { amountMinor: 300 }, { schemaVersion: 2 })),
    ).toMatchObject({
      type: 'PriceChanged',
      data: { amountMinor: 300, currency: 'EUR' },
    }));

  it('leaves events already at the current version as they are', () => {
    const current = stored('PriceChanged', { amountMinor: 300, currency: 'EUR' }, { schemaVersion: 3 });
    expect(createUpcast(priceUpcasters)(current)).toBe(current);
  });

  it('leaves other event types as they are', () => {
    const other = stored('StockReceived', { quantity: 2 }, { schemaVersion: 1 });
    expect(createUpcast(priceUpcasters)(other)).toBe(other);
  });

  it('keeps the coordinates and the other metadata of the stored event', () => {
    const upcast = createUpcast(priceUpcasters)(
      stored('PriceSet', { amount: 1 }, { schemaVersion: 1, correlationId: 'corr-1' }),
    );
    expect(upcast).toMatchObject({
      id: '00000000-0000-7000-8000-000000000001',
      streamId: 'item-1',
      version: 3,
      globalPosition: 7n,
      transactionId: 42n,
    });
    expect(upcast.metadata).toEqual({ schemaVersion: 3, correlationId: 'corr-1' });
  });

  it('never changes the stored event it was given', () => {
    const original = stored('PriceSet', { amount: 1 }, { schemaVersion: 1 });
    createUpcast(priceUpcasters)(original);
    expect(original).toEqual(stored('PriceSet', { amount: 1 }, { schemaVersion: 1 }));
  });

  it('follows a renamed type into the upcasters of its new name', () => {
    const renamed: Upcaster[] = [
      { type: 'Old', fromVersion: 1, toType: 'New', upcast: (data) => data },
      { type: 'New', fromVersion: 2, upcast: () => ({ touched: true }) },
    ];
    expect(createUpcast(renamed)(stored('Old', {}))).toMatchObject({
      type: 'New',
      data: { touched: true },
      metadata: { schemaVersion: 3 },
    });
  });

  it('is the identity when there are no upcasters', () => {
    const event = stored('PriceSet', { amount: 1 });
    expect(createUpcast([])(event)).toBe(event);
  });

  it('refuses two upcasters for the same type and version', () =>
    expect(() => createUpcast([priceUpcasters[0] as Upcaster, priceUpcasters[0] as Upcaster])).toThrow(
      /two upcasters for PriceSet@1/,
    ));
});
