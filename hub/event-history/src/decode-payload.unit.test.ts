import { describe, expect, it } from 'vitest';
import { decodePayload } from './decode-payload.js';
import { plainJson, wireFormat } from './message.fixture.js';

describe('decodePayload', () => {
  it('reads the schema id and the JSON of the Confluent wire format', () => {
    expect(decodePayload(wireFormat(258, { sku: 'A', n: 1 }))).toEqual({
      json: '{"sku":"A","n":1}',
      schemaId: 258,
    });
  });

  it('takes plain JSON as it is, without a schema id', () => {
    expect(decodePayload(plainJson([1, 'two']))).toEqual({ json: '[1,"two"]', schemaId: null });
    expect(decodePayload(plainJson('text'))).toEqual({ json: '"text"', schemaId: null });
  });

  it('keeps the JSON text, so numbers wider than a double keep their digits', () => {
    const value = new TextEncoder().encode('{"big":12345678901234567890123}');
    expect(decodePayload(value).json).toBe('{"big":12345678901234567890123}');
  });

  it('keeps binary, invalid UTF-8 and empty values as not JSON', () => {
    expect(decodePayload(new Uint8Array([0xff, 0xfe, 0x01]))).toEqual({ json: null, schemaId: null });
    expect(decodePayload(new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]))).toEqual({ json: null, schemaId: null });
    expect(decodePayload(new Uint8Array([]))).toEqual({ json: null, schemaId: null });
    expect(decodePayload(new TextEncoder().encode('not json'))).toEqual({ json: null, schemaId: null });
  });

  it('takes no schema id from a wire-format prefix followed by something other than JSON', () => {
    expect(decodePayload(new Uint8Array([0, 0, 0, 0, 7, 0x02, 0x41]))).toEqual({
      json: null,
      schemaId: null,
    });
    expect(decodePayload(new Uint8Array([0, 0, 0, 7]))).toEqual({ json: null, schemaId: null });
  });

  it('leaves out JSON that PostgreSQL cannot store (NUL, unpaired surrogates, deep nesting)', () => {
    expect(decodePayload(new TextEncoder().encode('{"a":"x\\u0000y"}')).json).toBeNull();
    expect(decodePayload(new TextEncoder().encode('{"\\ud800":1}')).json).toBeNull();
    expect(decodePayload(new TextEncoder().encode(`${'['.repeat(500)}${']'.repeat(500)}`)).json).toBeNull();
    expect(decodePayload(new TextEncoder().encode('{"a":"\\ud83d\\ude00"}')).json).toBe(
      '{"a":"\\ud83d\\ude00"}',
    );
  });
});
