import { describe, expect, it } from 'vitest';
import { applyDiscount } from './apply-discount.js';
import { effectivePrice, type PriceEntry, type PromotionEntry } from './effective-price.js';
import type { Discount } from './pricelist-events.js';

const price = (
  amount: number,
  validFrom: string,
  validTo: string | null = null,
  sku = 'TEE-1',
): PriceEntry => ({
  sku,
  currency: 'GBP',
  amount,
  validFrom: `${validFrom}T00:00:00.000Z`,
  validTo: validTo === null ? null : `${validTo}T00:00:00.000Z`,
});

const promotion = (
  promotionId: string,
  discount: Discount,
  validFrom: string,
  validTo: string,
  skus: readonly string[] = ['TEE-1'],
): PromotionEntry => ({
  promotionId,
  skus,
  discount,
  validFrom: `${validFrom}T00:00:00.000Z`,
  validTo: `${validTo}T00:00:00.000Z`,
});

const day = (date: string) => `${date}T00:00:00.000Z`;
const percent = (value: number): Discount => ({ kind: 'percent', percent: value });
const off = (amount: number): Discount => ({ kind: 'amount_off', amount });

describe('effectivePrice: which entry applies', () => {
  it('finds no price for a SKU without entries', () =>
    expect(effectivePrice([price(1000, '2025-01-01')], [], 'OTHER', day('2025-06-01'))).toBeUndefined());

  it('applies an open-ended entry from its validFrom on, inclusive', () => {
    const entries = [price(1000, '2025-01-01')];
    expect(effectivePrice(entries, [], 'TEE-1', day('2024-12-31'))).toBeUndefined();
    expect(effectivePrice(entries, [], 'TEE-1', day('2025-01-01'))).toEqual({
      sku: 'TEE-1',
      currency: 'GBP',
      amount: 1000,
      regularAmount: 1000,
    });
  });

  it('stops applying an entry at its validTo, exclusive', () => {
    const entries = [price(1000, '2025-01-01', '2025-02-01')];
    expect(effectivePrice(entries, [], 'TEE-1', '2025-01-31T23:59:59.999Z')?.amount).toBe(1000);
    expect(effectivePrice(entries, [], 'TEE-1', day('2025-02-01'))).toBeUndefined();
  });

  it('lets the entry with the latest validFrom win while both windows hold, then falls back', () => {
    const entries = [price(1200, '2025-03-01', '2025-04-01'), price(1000, '2025-01-01')];
    expect(effectivePrice(entries, [], 'TEE-1', day('2025-02-15'))).toMatchObject({
      amount: 1000,
      validUntil: day('2025-03-01'),
    });
    expect(effectivePrice(entries, [], 'TEE-1', day('2025-03-15'))).toMatchObject({
      amount: 1200,
      validUntil: day('2025-04-01'),
    });
    expect(effectivePrice(entries, [], 'TEE-1', day('2025-04-01'))).toEqual({
      sku: 'TEE-1',
      currency: 'GBP',
      amount: 1000,
      regularAmount: 1000,
    });
  });

  it('does not let an expired later entry shadow an earlier one still running', () => {
    const entries = [price(1000, '2025-01-01'), price(500, '2025-02-01', '2025-02-02')];
    expect(effectivePrice(entries, [], 'TEE-1', day('2025-03-01'))?.amount).toBe(1000);
  });

  it('breaks a tie of equal validFrom (two lists in one book) by the lower amount, in any order', () => {
    const a = price(1000, '2025-01-01');
    const b = price(900, '2025-01-01');
    expect(effectivePrice([a, b], [], 'TEE-1', day('2025-02-01'))?.amount).toBe(900);
    expect(effectivePrice([b, a], [], 'TEE-1', day('2025-02-01'))?.amount).toBe(900);
  });

  it('compares instants, not strings, so offsets and precision do not matter', () => {
    const entries: PriceEntry[] = [
      { sku: 'TEE-1', currency: 'GBP', amount: 1000, validFrom: '2025-01-01T01:00:00+01:00', validTo: null },
    ];
    expect(effectivePrice(entries, [], 'TEE-1', '2025-01-01T00:00:00Z')?.amount).toBe(1000);
    expect(effectivePrice(entries, [], 'TEE-1', '2024-12-31T23:59:59.999Z')).toBeUndefined();
  });

  it('takes the time as a Date too', () =>
    expect(
      effectivePrice([price(1000, '2025-01-01')], [], 'TEE-1', new Date(day('2025-01-02')))?.amount,
    ).toBe(1000));

  it('refuses a time that is not one', () =>
    expect(() => effectivePrice([], [], 'TEE-1', 'yesterday')).toThrow(/not an ISO 8601 time/));
});

describe('effectivePrice: promotions', () => {
  const entries = [price(1000, '2025-01-01')];

  it('applies an active promotion that includes the SKU and names it', () =>
    expect(
      effectivePrice(
        entries,
        [promotion('summer', percent(20), '2025-06-01', '2025-07-01')],
        'TEE-1',
        day('2025-06-10'),
      ),
    ).toEqual({
      sku: 'TEE-1',
      currency: 'GBP',
      amount: 800,
      regularAmount: 1000,
      promotionId: 'summer',
      validUntil: day('2025-07-01'),
    }));

  it('ignores promotions not yet started, ended, or on other SKUs, but says when one starts', () => {
    const promotions = [
      promotion('later', percent(50), '2025-08-01', '2025-09-01'),
      promotion('over', percent(50), '2025-01-01', '2025-02-01'),
      promotion('elsewhere', percent(50), '2025-01-01', '2026-01-01', ['SOCK-1']),
    ];
    expect(effectivePrice(entries, promotions, 'TEE-1', day('2025-06-10'))).toEqual({
      sku: 'TEE-1',
      currency: 'GBP',
      amount: 1000,
      regularAmount: 1000,
      validUntil: day('2025-08-01'),
    });
  });

  it('applies the promotion giving the lowest price, whatever its kind', () => {
    const promotions = [
      promotion('ten-percent', percent(10), '2025-06-01', '2025-07-01'),
      promotion('two-pounds-off', off(200), '2025-06-01', '2025-06-20'),
      promotion('five-percent', percent(5), '2025-06-01', '2025-07-01'),
    ];
    expect(effectivePrice(entries, promotions, 'TEE-1', day('2025-06-10'))).toMatchObject({
      amount: 800,
      promotionId: 'two-pounds-off',
      validUntil: day('2025-06-20'),
    });
    expect(effectivePrice(entries, promotions, 'TEE-1', day('2025-06-20'))).toMatchObject({
      amount: 900,
      promotionId: 'ten-percent',
    });
  });

  it('breaks a tie of equal prices by the smallest promotionId, in any order', () => {
    const promotions = [
      promotion('b', off(100), '2025-06-01', '2025-07-01'),
      promotion('a', percent(10), '2025-06-01', '2025-07-01'),
    ];
    expect(effectivePrice(entries, promotions, 'TEE-1', day('2025-06-10'))?.promotionId).toBe('a');
    expect(effectivePrice(entries, [...promotions].reverse(), 'TEE-1', day('2025-06-10'))?.promotionId).toBe(
      'a',
    );
  });

  it('does not report a promotion that lowers nothing', () => {
    const cheap = [price(50, '2025-01-01')];
    expect(
      effectivePrice(
        cheap,
        [promotion('tiny', percent(1), '2025-06-01', '2025-07-01')],
        'TEE-1',
        day('2025-06-10'),
      ),
    ).toEqual({ sku: 'TEE-1', currency: 'GBP', amount: 50, regularAmount: 50 });
  });

  it('never prices below 0', () => {
    const promotions = [promotion('huge', off(5000), '2025-06-01', '2025-07-01')];
    expect(effectivePrice(entries, promotions, 'TEE-1', day('2025-06-10'))).toMatchObject({
      amount: 0,
      promotionId: 'huge',
    });
    expect(
      effectivePrice(
        entries,
        [promotion('all', percent(100), '2025-06-01', '2025-07-01')],
        'TEE-1',
        day('2025-06-10'),
      )?.amount,
    ).toBe(0);
  });

  it('discounts the price that applies at the time, not another entry', () => {
    const windows = [price(1000, '2025-01-01'), price(2000, '2025-06-05', '2025-06-15')];
    const promotions = [promotion('p', percent(50), '2025-06-01', '2025-07-01')];
    expect(effectivePrice(windows, promotions, 'TEE-1', day('2025-06-10'))).toMatchObject({
      amount: 1000,
      regularAmount: 2000,
      validUntil: day('2025-06-15'),
    });
  });

  it('reports the earliest change among the entry, later entries and the applied promotion', () => {
    const windows = [price(1000, '2025-01-01', '2025-12-01'), price(1100, '2025-09-01')];
    const promotions = [promotion('p', percent(10), '2025-06-01', '2025-10-01')];
    expect(effectivePrice(windows, promotions, 'TEE-1', day('2025-06-10'))?.validUntil).toBe(
      day('2025-09-01'),
    );
  });
});

describe('applyDiscount', () => {
  it.each([
    [999, percent(15), 850], // 149.85 off, rounded down to 149
    [1000, percent(15), 850],
    [1, percent(50), 1], // 0.5 off rounds down to nothing
    [199, percent(33), 134], // 65.67 off -> 65
    [1000, percent(100), 0],
    [1000, off(1), 999],
    [1000, off(1000), 0],
    [1000, off(1001), 0],
    [0, percent(50), 0],
  ])('prices %i with %o at %i', (regular, discount, expected) =>
    expect(applyDiscount(regular, discount)).toBe(expected),
  );

  it('is exact for the largest safe amounts, where regular * percent would not be', () => {
    const regular = Number.MAX_SAFE_INTEGER; // 9007199254740991
    const expected = regular - Number((BigInt(regular) * 37n) / 100n);
    expect(applyDiscount(regular, percent(37))).toBe(expected);
  });

  it('matches the exact rational rounding for every amount up to 1000 and every percent', () => {
    const wrong: string[] = [];
    for (let regular = 0; regular <= 1000; regular += 1)
      for (let p = 1; p <= 100; p += 1)
        if (applyDiscount(regular, percent(p)) !== regular - Math.floor((regular * p) / 100))
          wrong.push(`${p}% of ${regular}`);
    expect(wrong).toEqual([]);
  });
});
