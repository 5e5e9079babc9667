import { describe, expect, it } from 'vitest';
import { fieldName, jsonPath } from './json-path.js';
import { replaceAt } from './replace-at.js';
import { sensitiveLocations } from './sensitive-locations.js';

const schema = {
  type: 'object',
  $defs: {
    contact: { type: 'object', properties: { phone: { type: 'string', 'x-omnistream-sensitive': 'phone' } } },
  },
  properties: {
    orderId: { type: 'string' },
    customer: {
      type: 'object',
      properties: {
        name: { type: 'string', 'x-omnistream-sensitive': 'pii' },
        email: { type: 'string', 'x-omnistream-sensitive': 'email' },
      },
    },
    card: { allOf: [{ type: 'object', properties: { number: { 'x-omnistream-sensitive': 'pan' } } }] },
    contacts: { type: 'array', items: { $ref: '#/$defs/contact' } },
    notes: { type: 'object', additionalProperties: { type: 'string', 'x-omnistream-sensitive': 'pii' } },
  },
};

const record = {
  orderId: 'order-1',
  customer: { name: 'Alice', email: 'alice@example.com' },
  card: { number: '4111111111111111', brand: 'visa' },
  contacts: [{ phone: '0612345678' }, { phone: null }, { phone: '0687654321' }],
  notes: { 'gift message': 'Love, Bob' },
};

describe('sensitiveLocations', () => {
  it('finds marked values through properties, allOf, array items, local $refs and additionalProperties', () => {
    const found = sensitiveLocations(schema, record).map((l) => [
      jsonPath(l.path),
      fieldName(l.path),
      l.kind,
      l.value,
    ]);
    expect(found).toEqual([
      ['$.customer.name', 'customer.name', 'pii', 'Alice'],
      ['$.customer.email', 'customer.email', 'email', 'alice@example.com'],
      ['$.card.number', 'card.number', 'pan', '4111111111111111'],
      ['$.contacts[0].phone', 'contacts[].phone', 'phone', '0612345678'],
      ['$.contacts[2].phone', 'contacts[].phone', 'phone', '0687654321'],
      ["$.notes['gift message']", 'notes.gift message', 'pii', 'Love, Bob'],
    ]);
  });

  it('finds nothing in a record without marked values', () => {
    expect(sensitiveLocations(schema, { orderId: 'order-2' })).toEqual([]);
  });

  it('fails closed on a marked value that is neither text nor a number, and on an unknown kind', () => {
    expect(() => sensitiveLocations(schema, { customer: { name: { first: 'Alice' } } })).toThrow(
      expect.objectContaining({ code: 'INVALID_SENSITIVE_VALUE' }) as Error,
    );
    expect(() =>
      sensitiveLocations({ properties: { x: { 'x-omnistream-sensitive': 'secret' } } }, { x: 'y' }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_SENSITIVE_KIND' }) as Error);
  });
});

describe('replaceAt', () => {
  it('returns a copy with the values at the paths replaced and leaves the original untouched', () => {
    const copy = replaceAt(record, [
      { path: ['customer', 'email'], with: 'tok_a' },
      { path: ['contacts', 2, 'phone'], with: 'tok_b' },
    ]);
    expect(copy).toMatchObject({
      customer: { name: 'Alice', email: 'tok_a' },
      contacts: [{ phone: '0612345678' }, { phone: null }, { phone: 'tok_b' }],
    });
    expect(record.customer.email).toBe('alice@example.com');
    expect(record.contacts[2]?.phone).toBe('0687654321');
  });
});
