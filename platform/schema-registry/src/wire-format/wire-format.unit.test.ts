import { describe, expect, it } from 'vitest';
import { isDomainError } from '@omnistream/kernel';
import { decodeWireFormat, encodeWireFormat } from './wire-format.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const json = new TextEncoder().encode('{"a":1}');

describe('wire format', () => {
  it('writes magic byte 0, the schema id big-endian, then the payload', () =>
    expect([...encodeWireFormat(258, json)]).toEqual([0, 0, 0, 1, 2, ...json]));

  it('reads back what it wrote', () => {
    const decoded = decodeWireFormat(encodeWireFormat(2_000_000_000, json));
    expect(decoded.schema).toEqual({ id: 2_000_000_000 });
    expect(text(decoded.payload)).toBe('{"a":1}');
  });

  it('reads a schema GUID after magic byte 1', () => {
    const guid = Uint8Array.from({ length: 16 }, (_, index) => index);
    const decoded = decodeWireFormat(Uint8Array.from([1, ...guid, ...json]));
    expect(decoded.schema).toEqual({ guid: '00010203-0405-0607-0809-0a0b0c0d0e0f' });
    expect(text(decoded.payload)).toBe('{"a":1}');
  });

  it('takes the schema id from a header when one is given, leaving the value whole', () => {
    const decoded = decodeWireFormat(json, Uint8Array.from([0, 0, 0, 0, 9]));
    expect(decoded).toEqual({ schema: { id: 9 }, payload: json });
  });

  it('refuses an unknown magic byte, a short value and an empty one, saying what it expected', () => {
    for (const bad of [Uint8Array.from([2, 0, 0, 0, 1]), Uint8Array.from([0, 0, 1]), new Uint8Array()]) {
      let caught: unknown;
      try {
        decodeWireFormat(bad);
      } catch (error) {
        caught = error;
      }
      expect(isDomainError(caught, 'INVALID_WIRE_FORMAT')).toBe(true);
    }
    expect(() => decodeWireFormat(Uint8Array.from([7, 1, 2, 3, 4]))).toThrow(/magic byte 7/);
  });

  it('refuses a schema id outside 1..2^31-1', () => {
    expect(() => encodeWireFormat(0, json)).toThrow(/schema id 0/);
    expect(() => encodeWireFormat(2 ** 31, json)).toThrow(/schema id/);
  });
});
