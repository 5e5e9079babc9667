/**
 * Data of the public product events (stream `product-<sku>`, Kafka topic `catalog.product`), written by hand to
 * match the JSON Schemas beside this file. Wire format: change only together with a compatible schema edit.
 */
export type ProductAttributeValue = string | number | boolean;

/** Facts about a product by name (`colour`, `weightGrams`, `organic`); at most 100. */
export type ProductAttributes = Readonly<Record<string, ProductAttributeValue>>;

export interface ProductImage {
  /** http or https. */
  readonly url: string;
  readonly alt?: string;
}

export interface ProductCreated {
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: ProductAttributes;
  /** In display order; the first is the main image. */
  readonly images: readonly ProductImage[];
  readonly createdAt: string;
}

/** Each field present replaces the former value whole (attributes and images included); absent ones stay. */
export interface ProductUpdated {
  readonly sku: string;
  readonly name?: string;
  readonly description?: string;
  readonly attributes?: ProductAttributes;
  readonly images?: readonly ProductImage[];
  readonly updatedAt: string;
}

/** The product is no longer sold; it stays readable, and its prices stay as they were. */
export interface ProductDiscontinued {
  readonly sku: string;
  readonly discontinuedAt: string;
}

export type ProductEventType = 'ProductCreated' | 'ProductUpdated' | 'ProductDiscontinued';
