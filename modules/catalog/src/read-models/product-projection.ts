import type { EventEnvelope } from '@omnistream/kernel';
import type { ProductCreated, ProductDiscontinued, ProductUpdated } from '@omnistream/contracts/catalog';
import type { Projection } from '@omnistream/projections';

export const PRODUCT_PROJECTION = 'catalog_products';

type ProductEnvelope =
  | EventEnvelope<'ProductCreated', ProductCreated>
  | EventEnvelope<'ProductUpdated', ProductUpdated>
  | EventEnvelope<'ProductDiscontinued', ProductDiscontinued>;

const PRODUCT_EVENTS = new Set(['ProductCreated', 'ProductUpdated', 'ProductDiscontinued']);

const isProductEvent = (event: EventEnvelope): event is ProductEnvelope =>
  event.streamId.startsWith('product-') && PRODUCT_EVENTS.has(event.type);

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

/**
 * One row per product with the stream version it reflects (the ETag of GET /catalog/products/:sku). Listing
 * pages by SKU, so the primary key serves it.
 */
export const productProjection: Projection = {
  name: PRODUCT_PROJECTION,
  version: 1,
  tables: ['products'],
  filter: isProductEvent,
  setup: async (tx, t) => {
    await tx.query(`create table ${t('products')} (
      sku text collate "C" primary key,
      name text not null,
      description text not null,
      attributes jsonb not null,
      images jsonb not null,
      status text not null,
      version int not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      discontinued_at timestamptz)`);
  },
  handle: async (events, tx, t) => {
    for (const event of events.filter(isProductEvent)) {
      const { data, version } = event;
      switch (event.type) {
        case 'ProductCreated':
          await tx.query(
            `insert into ${t('products')}
               (sku, name, description, attributes, images, status, version, created_at, updated_at)
             values ($1, $2, $3, $4::text::jsonb, $5::text::jsonb, 'active', $6, $7::timestamptz, $7::timestamptz)`,
            [
              event.data.sku,
              event.data.name,
              event.data.description,
              json(event.data.attributes),
              json(event.data.images),
              version,
              event.data.createdAt,
            ],
          );
          break;
        case 'ProductUpdated':
          await tx.query(
            `update ${t('products')} set
               name = coalesce($2, name),
               description = coalesce($3, description),
               attributes = coalesce($4::text::jsonb, attributes),
               images = coalesce($5::text::jsonb, images),
               version = $6,
               updated_at = $7::timestamptz
             where sku = $1`,
            [
              data.sku,
              event.data.name ?? null,
              event.data.description ?? null,
              json(event.data.attributes),
              json(event.data.images),
              version,
              event.data.updatedAt,
            ],
          );
          break;
        case 'ProductDiscontinued':
          await tx.query(
            `update ${t('products')} set status = 'discontinued', version = $2,
               updated_at = $3::timestamptz, discontinued_at = $3::timestamptz
             where sku = $1`,
            [data.sku, version, event.data.discontinuedAt],
          );
          break;
      }
    }
  },
};
