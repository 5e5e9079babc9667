import { DomainError } from '@omnistream/kernel';
import { JsonReader } from './json-reader.js';
import { MAX_ITEMS } from './order-items.js';
import {
  FULFILMENT_TYPES,
  type Fulfilment,
  type GeoPoint,
  type OrderLine,
  type SourcingRequest,
} from './sourcing-request.js';

/** Validates untrusted JSON into a SourcingRequest; throws DomainError INVALID_SOURCING_REQUEST naming each wrong path. */
export const parseSourcingRequest = (json: unknown): SourcingRequest => {
  const read = new JsonReader();
  const root = read.object(json, '$', ['orderId', 'lines', 'fulfilment']);
  const orderId = read.string(root, 'orderId', '$');
  const seen = new Set<string>();
  const lines: OrderLine[] = read.array(root, 'lines', '$', true).map((value, index) => {
    const path = `$.lines[${index}]`;
    const line = read.object(value, path, ['lineId', 'sku', 'quantity']);
    const lineId = read.string(line, 'lineId', path);
    if (seen.has(lineId)) read.problem(`${path}.lineId`, `repeats line id ${JSON.stringify(lineId)}`);
    seen.add(lineId);
    return {
      lineId,
      sku: read.string(line, 'sku', path),
      quantity: read.number(line, 'quantity', path, { integer: true, min: 1 }),
    };
  });
  if (new Set(lines.map((line) => line.sku)).size > MAX_ITEMS)
    read.problem('$.lines', `must hold at most ${MAX_ITEMS} distinct SKUs`);
  const fulfilmentJson = read.object(root.fulfilment, '$.fulfilment', ['type', 'deliveryPoint', 'storeId']);
  const type = read.oneOf(fulfilmentJson, 'type', '$.fulfilment', FULFILMENT_TYPES);
  let fulfilment: Fulfilment;
  if (type === 'collect_in_store') {
    if (fulfilmentJson.deliveryPoint !== undefined)
      read.problem('$.fulfilment.deliveryPoint', 'is not used when collecting in store; remove it');
    fulfilment = { type, storeId: read.string(fulfilmentJson, 'storeId', '$.fulfilment') };
  } else {
    if (fulfilmentJson.storeId !== undefined)
      read.problem('$.fulfilment.storeId', `is only used when collecting in store, not for ${type}`);
    fulfilment = {
      type,
      deliveryPoint: geoPoint(read, fulfilmentJson.deliveryPoint, '$.fulfilment.deliveryPoint'),
    };
  }
  if (read.problems.length > 0)
    throw new DomainError(
      'INVALID_SOURCING_REQUEST',
      `invalid sourcing request: ${read.problems.join('; ')}`,
      {
        problems: read.problems,
      },
    );
  return { orderId, lines, fulfilment };
};

const geoPoint = (read: JsonReader, value: unknown, path: string): GeoPoint => {
  const point = read.object(value, path, ['lat', 'lon']);
  const lat = read.number(point, 'lat', path, { min: -90 });
  const lon = read.number(point, 'lon', path, { min: -180 });
  if (lat > 90) read.problem(`${path}.lat`, `must be 90 or less, got ${lat}`);
  if (lon > 180) read.problem(`${path}.lon`, `must be 180 or less, got ${lon}`);
  return { lat, lon };
};
