import { describe, expect, it } from 'vitest';
import { versionedTable } from './versioned-table.js';

describe('versionedTable', () => {
  it('names each version its own quoted table in the read schema', () => {
    const t = versionedTable('order_totals', 3, ['totals', 'lines']);
    expect(t('totals')).toBe('omnistream_read."order_totals_totals_v3"');
    expect(t('lines')).toBe('omnistream_read."order_totals_lines_v3"');
  });

  it('refuses a table the projection did not declare', () => {
    expect(() => versionedTable('orders', 1, ['totals'])('total')).toThrow('declares no table');
  });

  it('refuses names that would need escaping or that PostgreSQL would truncate', () => {
    expect(() => versionedTable('Orders', 1, ['totals'])).toThrow('lower-case');
    expect(() => versionedTable('orders', 1, ['to"tals'])).toThrow('lower-case');
    expect(() => versionedTable('o'.repeat(60), 1, ['totals'])).toThrow('longer than 63');
    expect(() => versionedTable('orders', 0, ['totals'])).toThrow('positive integer');
  });
});
