import { DomainError, type Command, type DecidedEvent, type Decider } from '@omnistream/kernel';
import type {
  ProductAttributes,
  ProductCreated,
  ProductDiscontinued,
  ProductImage,
  ProductUpdated,
} from '@omnistream/contracts/catalog';
import { checkName } from '../check-name.js';
import { checkSku } from '../check-sku.js';
import { checkAttributes, checkDescription, checkImages } from './product-fields.js';

export interface ProductDetails {
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: ProductAttributes;
  readonly images: readonly ProductImage[];
}

export type ProductChanges = Partial<Omit<ProductDetails, 'sku'>>;

export type Product =
  | { readonly status: 'unknown' }
  | { readonly status: 'active' | 'discontinued'; readonly details: ProductDetails };

export type ProductCommand =
  | Command<'CreateProduct', ProductDetails>
  | Command<'UpdateProduct', { readonly sku: string } & ProductChanges>
  | Command<'DiscontinueProduct', { readonly sku: string }>;

export type ProductEvent =
  | DecidedEvent<'ProductCreated', ProductCreated>
  | DecidedEvent<'ProductUpdated', ProductUpdated>
  | DecidedEvent<'ProductDiscontinued', ProductDiscontinued>;

const notFound = (sku: string) =>
  new DomainError('PRODUCT_NOT_FOUND', `there is no product ${sku}; create it first`, { sku });

/** Attributes compare by content: the order of their names carries no meaning. */
const sameAttributes = (a: ProductAttributes, b: ProductAttributes): boolean => {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => Object.is(a[name], b[name]));
};

const sameImages = (a: readonly ProductImage[], b: readonly ProductImage[]): boolean =>
  a.length === b.length && a.every((image, i) => image.url === b[i]?.url && image.alt === b[i]?.alt);

/** The fields of an update that differ from the current details, checked; an absent field stays as it is. */
const changedFields = (current: ProductDetails, changes: ProductChanges): ProductChanges => {
  const { name, description, attributes, images } = changes;
  if (name === undefined && description === undefined && attributes === undefined && images === undefined)
    throw new DomainError(
      'INVALID_PRODUCT_UPDATE',
      'an update needs at least one of name, description, attributes or images',
    );
  const next = {
    ...(name === undefined ? {} : { name: checkName(name, 'INVALID_PRODUCT_NAME', 'a product') }),
    ...(description === undefined ? {} : { description: checkDescription(description) }),
    ...(attributes === undefined ? {} : { attributes: checkAttributes(attributes) }),
    ...(images === undefined ? {} : { images: checkImages(images) }),
  };
  return {
    ...(next.name === undefined || next.name === current.name ? {} : { name: next.name }),
    ...(next.description === undefined || next.description === current.description
      ? {}
      : { description: next.description }),
    ...(next.attributes === undefined || sameAttributes(next.attributes, current.attributes)
      ? {}
      : { attributes: next.attributes }),
    ...(next.images === undefined || sameImages(next.images, current.images) ? {} : { images: next.images }),
  };
};

/**
 * A product of the catalog (stream `product-<sku>`). Its events are public (contracts/catalog/product), so what
 * is decided is checked against the contract's limits first. An update that changes nothing and a second
 * discontinuation decide nothing, so retries are harmless.
 */
export const product: Decider<Product, ProductCommand, ProductEvent> = {
  initialState: () => ({ status: 'unknown' }),
  decide: (command, state) => {
    const now = command.metadata.now;
    switch (command.type) {
      case 'CreateProduct': {
        const sku = checkSku(command.data.sku);
        if (state.status !== 'unknown')
          throw new DomainError(
            'PRODUCT_ALREADY_EXISTS',
            `product ${sku} exists already; change it with an update`,
            { sku },
          );
        const data: ProductCreated = {
          sku,
          name: checkName(command.data.name, 'INVALID_PRODUCT_NAME', 'a product'),
          description: checkDescription(command.data.description),
          attributes: checkAttributes(command.data.attributes),
          images: checkImages(command.data.images),
          createdAt: now,
        };
        return [{ type: 'ProductCreated', data }];
      }
      case 'UpdateProduct': {
        const { sku, ...changes } = command.data;
        if (state.status === 'unknown') throw notFound(sku);
        if (state.status === 'discontinued')
          throw new DomainError('PRODUCT_DISCONTINUED', `product ${sku} is discontinued and cannot change`, {
            sku,
          });
        const changed = changedFields(state.details, changes);
        if (Object.keys(changed).length === 0) return [];
        return [{ type: 'ProductUpdated', data: { sku: state.details.sku, ...changed, updatedAt: now } }];
      }
      case 'DiscontinueProduct':
        if (state.status === 'unknown') throw notFound(command.data.sku);
        if (state.status === 'discontinued') return [];
        return [{ type: 'ProductDiscontinued', data: { sku: state.details.sku, discontinuedAt: now } }];
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'ProductCreated': {
        const { createdAt: _createdAt, ...details } = event.data;
        return { status: 'active', details };
      }
      case 'ProductUpdated': {
        if (state.status === 'unknown') return state;
        const { updatedAt: _updatedAt, sku: _sku, ...changes } = event.data;
        return { status: state.status, details: { ...state.details, ...changes } };
      }
      case 'ProductDiscontinued':
        return state.status === 'unknown' ? state : { status: 'discontinued', details: state.details };
    }
  },
};
