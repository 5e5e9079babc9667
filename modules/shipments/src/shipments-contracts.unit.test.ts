import { beforeAll, describe, expect, it } from 'vitest';
import { fold, isDomainError, type DecidedEvent } from '@omnistream/kernel';
import type { Contract } from '@omnistream/schema-registry';
import { shipment } from './domain/shipment/shipment.js';
import type { ShipmentCommand, ShipmentEvent } from './domain/shipment/shipment-messages.js';
import { cancel, recordLabel, request, track } from './domain/shipment/shipment.fixture.js';
import { contractValidator, loadContextContracts } from '@omnistream/testing';

/** Runs commands through the decider the way the command handler does, collecting what it decides. */
const run = (commands: readonly ShipmentCommand[]): ShipmentEvent[] => {
  const events: ShipmentEvent[] = [];
  for (const command of commands)
    events.push(...shipment.decide(command, fold(shipment, shipment.initialState(), events)));
  return events;
};

const delivered = run([
  request({
    collectionStoreId: 'store-7',
    shipTo: {
      name: 'Store 7',
      lines: ['1 High St', 'Unit 2'],
      city: 'York',
      postalCode: 'YO1 7HH',
      countryCode: 'GB',
      region: 'North Yorkshire',
      phone: '+441904000000',
    },
  }),
  {
    type: 'RecordLabelFailure',
    data: { shipmentId: 'shp-1', carrier: 'sandbox', reason: 'address refused' },
    metadata: { now: '2026-03-02T10:00:00.000Z' },
  },
  recordLabel(),
  track('in_transit', '2026-03-02T11:00:00Z'),
  track('exception', '2026-03-02T11:30:00.000Z'),
  track('out_for_delivery', '2026-03-02T12:00:00.000Z'),
  track('delivery_failed', '2026-03-02T12:30:00.000Z'),
  track('out_for_delivery', '2026-03-03T09:00:00.000Z', 'second attempt'),
  track('delivered', '2026-03-03T10:00:00.000Z'),
  track('in_transit', '2026-03-02T10:30:00.000Z'),
]);
const returned = run([request(), recordLabel(), track('returned', '2026-03-04T10:00:00.000Z')]);
const cancelled = run([request(), cancel()]);
const decided = [...delivered, ...returned, ...cancelled];

describe('the shipments contracts', () => {
  let contracts: Contract[];
  let validate: ReturnType<typeof contractValidator>;
  beforeAll(async () => {
    contracts = await loadContextContracts('shipments');
    validate = contractValidator(contracts);
  });

  it('are read by the server loader as the public events of shipments.shipment', () =>
    expect(contracts.map((c) => `${c.subject} v${c.version}`)).toEqual([
      'shipments.shipment-ShipmentCancelled v1',
      'shipments.shipment-ShipmentDelivered v1',
      'shipments.shipment-ShipmentDeliveryFailed v1',
      'shipments.shipment-ShipmentException v1',
      'shipments.shipment-ShipmentInTransit v1',
      'shipments.shipment-ShipmentLabelCreated v1',
      'shipments.shipment-ShipmentLabelFailed v1',
      'shipments.shipment-ShipmentOutForDelivery v1',
      'shipments.shipment-ShipmentRequested v1',
      'shipments.shipment-ShipmentReturned v1',
    ]));

  it('close every object they describe', () => {
    const open: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((child, i) => walk(child, `${path}/${i}`));
      if (typeof node !== 'object' || node === null) return;
      const schema = node as Record<string, unknown>;
      if (schema.type === 'object' && schema.additionalProperties !== false) open.push(path);
      for (const [key, child] of Object.entries(schema)) walk(child, `${path}/${key}`);
    };
    for (const contract of contracts) walk(contract.schema, contract.subject);
    expect(open).toEqual([]);
  });

  it('cover every public event the decider decides, and only the tracking note stays private', () => {
    const types = new Set(decided.map((event) => event.type));
    expect([...types].filter((type) => type !== 'ShipmentTrackingNoted').sort()).toEqual(
      contracts.map((c) => c.eventType).sort(),
    );
    expect(types.has('ShipmentTrackingNoted')).toBe(true);
  });

  it('accept every event the decider decides', () => {
    for (const event of decided) validate('shipment-shp-1', [event]);
  });

  it.each([
    ['a fractional cost', 'ShipmentLabelCreated', { cost: { amount: 4.95, currency: 'GBP' } }],
    ['a lower-case currency', 'ShipmentLabelCreated', { cost: { amount: 495, currency: 'gbp' } }],
    ['no lines', 'ShipmentRequested', { lines: [] }],
    [
      'a zero weight',
      'ShipmentRequested',
      { parcel: { weightGrams: 0, lengthMm: 1, widthMm: 1, heightMm: 1 } },
    ],
    ['an unknown field', 'ShipmentDelivered', { signedBy: 'x' }],
    ['a time without a zone', 'ShipmentDelivered', { occurredAt: '2026-03-03T10:00:00' }],
    ['a missing order id', 'ShipmentCancelled', { orderId: undefined }],
  ])('refuse %s', (_case, type, change) => {
    const event = decided.find((e) => e.type === type) as DecidedEvent;
    const data = JSON.parse(JSON.stringify({ ...(event.data as object), ...change })) as unknown;
    let error: unknown;
    try {
      validate('shipment-shp-1', [{ type, data }]);
    } catch (caught) {
      error = caught;
    }
    expect(isDomainError(error, 'SCHEMA_VALIDATION_FAILED')).toBe(true);
  });
});
