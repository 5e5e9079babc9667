import { describe, it } from 'vitest';
import { decideSpec } from '@omnistream/kernel';
import { shipment } from './shipment.js';
import {
  address,
  cancel,
  labelled,
  moved,
  noted,
  now,
  recordLabel,
  request,
  requestData,
  requested,
  track,
} from './shipment.fixture.js';

const spec = decideSpec(shipment);
const t1 = '2026-03-02T11:00:00.000Z';
const t2 = '2026-03-02T12:00:00.000Z';
const t3 = '2026-03-02T13:00:00.000Z';

describe('a shipment', () => {
  it('is requested with its order, lines, parcel and carrier', () =>
    spec.given([]).when(request()).then([requested]));

  it('treats the same request again as already made', () => spec.given([requested]).when(request()).then([]));

  it('refuses the same shipment id with other details', () =>
    spec
      .given([requested])
      .when(request({ orderId: 'ord-2' }))
      .thenRejects('SHIPMENT_CONFLICT'));

  it('refuses a zero weight', () =>
    spec
      .given([])
      .when(request({ parcel: { ...requestData.parcel, weightGrams: 0 } }))
      .thenRejects('INVALID_PARCEL'));

  it('refuses an address without a postal code', () =>
    spec
      .given([])
      .when(request({ shipTo: { ...address, postalCode: ' ' } }))
      .thenRejects('INVALID_ADDRESS'));

  it('refuses a shipment without lines', () =>
    spec
      .given([])
      .when(request({ lines: [] }))
      .thenRejects('INVALID_SHIPMENT_LINES'));

  it('refuses a line with no units', () =>
    spec
      .given([])
      .when(request({ lines: [{ lineId: 'l1', sku: 'TEE-1', quantity: 0 }] }))
      .thenRejects('INVALID_SHIPMENT_LINES'));

  it('records the label bought for it', () => spec.given([requested]).when(recordLabel()).then([labelled]));

  it('records a label once: a retry changes nothing', () =>
    spec.given([requested, labelled]).when(recordLabel()).then([]));

  it('refuses a label for a shipment never requested', () =>
    spec.given([]).when(recordLabel()).thenRejects('SHIPMENT_NOT_FOUND'));

  it('moves through in transit, out for delivery and delivered', () => {
    spec
      .given([requested, labelled])
      .when(track('in_transit', t1))
      .then([moved('in_transit', t1)]);
    spec
      .given([requested, labelled, moved('in_transit', t1)])
      .when(track('out_for_delivery', t2))
      .then([moved('out_for_delivery', t2)]);
    spec
      .given([requested, labelled, moved('in_transit', t1), moved('out_for_delivery', t2)])
      .when(track('delivered', t3))
      .then([moved('delivered', t3)]);
  });

  it('drops a repeated carrier report', () =>
    spec
      .given([requested, labelled, moved('in_transit', t1)])
      .when(track('in_transit', t1))
      .then([]));

  it('keeps delivered when a late in-transit report arrives', () =>
    spec
      .given([requested, labelled, moved('delivered', t3)])
      .when(track('in_transit', t1))
      .then([noted('in_transit', t1)]));

  it('does not move back for a report older than the last one that moved it', () =>
    spec
      .given([requested, labelled, moved('out_for_delivery', t2)])
      .when(track('exception', t1))
      .then([noted('exception', t1)]));

  it('records an exception, then carries on in transit', () => {
    spec
      .given([requested, labelled, moved('in_transit', t1)])
      .when(track('exception', t2))
      .then([moved('exception', t2)]);
    spec
      .given([requested, labelled, moved('in_transit', t1), moved('exception', t2)])
      .when(track('in_transit', t3, 'again'))
      .then([moved('in_transit', t3, 'again')]);
  });

  it('goes from a failed delivery to returned to sender', () =>
    spec
      .given([requested, labelled, moved('out_for_delivery', t1), moved('delivery_failed', t2)])
      .when(track('returned', t3))
      .then([moved('returned', t3)]));

  it('refuses tracking before its label is recorded', () =>
    spec.given([requested]).when(track('in_transit', t1)).thenRejects('TRACKING_BEFORE_LABEL_CONFLICT'));

  it('is cancelled before a label without the carrier', () =>
    spec
      .given([requested])
      .when(cancel())
      .then([
        {
          type: 'ShipmentCancelled',
          data: {
            shipmentId: 'shp-1',
            orderId: 'ord-1',
            lines: requestData.lines,
            reason: 'customer cancelled',
            labelVoided: false,
            cancelledAt: now,
          },
        },
      ]));

  it('needs the label voided before cancelling a labelled shipment', () =>
    spec.given([requested, labelled]).when(cancel(false)).thenRejects('LABEL_NOT_VOIDED'));

  it('is cancelled once its label is voided', () =>
    spec
      .given([requested, labelled])
      .when(cancel(true))
      .then([
        {
          type: 'ShipmentCancelled',
          data: {
            shipmentId: 'shp-1',
            orderId: 'ord-1',
            lines: requestData.lines,
            reason: 'customer cancelled',
            labelVoided: true,
            cancelledAt: now,
          },
        },
      ]));

  it('treats a second cancellation as done', () => {
    const cancelled = shipment.decide(cancel(), shipment.evolve(shipment.initialState(), requested));
    spec
      .given([requested, ...cancelled])
      .when(cancel())
      .then([]);
  });

  it('refuses cancellation once the carrier has it', () =>
    spec
      .given([requested, labelled, moved('in_transit', t1)])
      .when(cancel(true))
      .thenRejects('SHIPMENT_ALREADY_HANDED_OVER'));

  it('refuses a label for a cancelled shipment', () => {
    const cancelled = shipment.decide(cancel(), shipment.evolve(shipment.initialState(), requested));
    spec
      .given([requested, ...cancelled])
      .when(recordLabel())
      .thenRejects('SHIPMENT_CANCELLED_CONFLICT');
  });
});
