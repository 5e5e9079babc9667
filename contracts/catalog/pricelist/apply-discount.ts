import type { Discount } from './pricelist-events.js';

/**
 * The price after one discount, in minor units; part of the contract's meaning, so every context computes the
 * same number. A percent discount is rounded down to a whole minor unit (the customer pays the remainder):
 * 15% off 999 is a discount of 149 (149.85 rounded down), a price of 850. An amount off never takes the price
 * below 0. Exact for every safe integer: `regular * percent` could pass 2^53, so it is split as
 * `regular = 100q + r`, giving `floor(regular * percent / 100) = q * percent + floor(r * percent / 100)`.
 */
export const applyDiscount = (regular: number, discount: Discount): number => {
  switch (discount.kind) {
    case 'percent': {
      const q = Math.floor(regular / 100);
      const r = regular - q * 100;
      const off = q * discount.percent + Math.floor((r * discount.percent) / 100);
      return Math.max(0, regular - off);
    }
    case 'amount_off':
      return Math.max(0, regular - discount.amount);
  }
};
