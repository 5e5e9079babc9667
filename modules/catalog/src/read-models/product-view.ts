import type { Sql } from '@omnistream/event-store';
import type { ProductAttributes, ProductImage } from '@omnistream/contracts/catalog';
import { readModel } from '@omnistream/projections';
import { isoUtc } from './iso-utc.js';
import { PRODUCT_PROJECTION } from './product-projection.js';

export interface ProductView {
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: ProductAttributes;
  readonly images: readonly ProductImage[];
  readonly status: 'active' | 'discontinued';
  /** The product stream's version: the ETag, and the If-Match of the next update. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly discontinuedAt?: string;
}

export interface ProductPage {
  readonly items: readonly ProductView[];
  /** The SKU to continue after; absent on the last page. */
  readonly after?: string;
}

interface ProductRow {
  sku: string;
  name: string;
  description: string;
  attributes: string;
  images: string;
  status: 'active' | 'discontinued';
  version: number;
  created_at: string;
  updated_at: string;
  discontinued_at: string | null;
}

const COLUMNS = `sku, name, description, attributes::text as attributes, images::text as images, status, version,
  ${isoUtc('created_at')} as created_at, ${isoUtc('updated_at')} as updated_at,
  ${isoUtc('discontinued_at')} as discontinued_at`;

const toView = (row: ProductRow): ProductView => ({
  sku: row.sku,
  name: row.name,
  description: row.description,
  attributes: JSON.parse(row.attributes) as ProductAttributes,
  images: JSON.parse(row.images) as ProductImage[],
  status: row.status,
  version: Number(row.version),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  ...(row.discontinued_at === null ? {} : { discontinuedAt: row.discontinued_at }),
});

/** Reads of the product read model (always its active version). */
export const productView = (sql: Sql) => ({
  find: (sku: string): Promise<ProductView | undefined> =>
    readModel(sql, PRODUCT_PROJECTION, async ({ t }) => {
      const [row] = await sql.query<ProductRow>(`select ${COLUMNS} from ${t('products')} where sku = $1`, [
        sku,
      ]);
      return row === undefined ? undefined : toView(row);
    }),

  /** Products in SKU order after `after`; keyset paging, so a page costs the same however deep it is. */
  list: (options: {
    readonly after?: string;
    readonly limit: number;
    readonly status?: 'active' | 'discontinued';
  }): Promise<ProductPage> =>
    readModel(sql, PRODUCT_PROJECTION, async ({ t }) => {
      const rows = await sql.query<ProductRow>(
        `select ${COLUMNS} from ${t('products')}
          where ($1::text is null or sku > $1) and ($2::text is null or status = $2)
          order by sku limit $3`,
        [options.after ?? null, options.status ?? null, options.limit + 1],
      );
      const items = rows.slice(0, options.limit).map(toView);
      const last = items.at(-1);
      return rows.length > options.limit && last !== undefined ? { items, after: last.sku } : { items };
    }),
});

export type ProductViewReader = ReturnType<typeof productView>;
