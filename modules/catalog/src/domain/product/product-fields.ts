import { DomainError } from '@omnistream/kernel';
import type { ProductAttributes, ProductAttributeValue, ProductImage } from '@omnistream/contracts/catalog';

// The limits of the ProductCreated contract: checked here so a bad request is refused with a reason, before the
// event store would refuse the event.
const MAX_DESCRIPTION = 10_000;
const MAX_ATTRIBUTES = 100;
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const MAX_ATTRIBUTE_TEXT = 1000;
const MAX_IMAGES = 50;
const IMAGE_URL = /^https?:\/\/\S+$/;
const MAX_URL = 2048;
const MAX_ALT = 500;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const checkDescription = (value: unknown): string => {
  if (typeof value === 'string' && value.length <= MAX_DESCRIPTION) return value;
  throw new DomainError(
    'INVALID_PRODUCT_DESCRIPTION',
    `description is text of at most ${MAX_DESCRIPTION} characters (may be empty)`,
  );
};

const checkAttributeValue = (name: string, value: unknown): ProductAttributeValue => {
  if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return value;
  if (typeof value === 'string' && value.length <= MAX_ATTRIBUTE_TEXT) return value;
  throw new DomainError(
    'INVALID_PRODUCT_ATTRIBUTES',
    `attribute ${name} must be a string of at most ${MAX_ATTRIBUTE_TEXT} characters, a number or a boolean`,
    { attribute: name },
  );
};

/** A copy with only JSON-safe values, so the event carries exactly what was checked. */
export const checkAttributes = (value: unknown): ProductAttributes => {
  if (!isRecord(value))
    throw new DomainError('INVALID_PRODUCT_ATTRIBUTES', 'attributes is an object of name -> value');
  const names = Object.keys(value);
  if (names.length > MAX_ATTRIBUTES)
    throw new DomainError(
      'INVALID_PRODUCT_ATTRIBUTES',
      `a product has at most ${MAX_ATTRIBUTES} attributes, got ${names.length}`,
    );
  const attributes: Record<string, ProductAttributeValue> = {};
  for (const name of names) {
    if (!ATTRIBUTE_NAME.test(name))
      throw new DomainError(
        'INVALID_PRODUCT_ATTRIBUTES',
        `attribute name ${JSON.stringify(name)} must start with a letter, then up to 63 letters, digits or _.-`,
        { attribute: name },
      );
    attributes[name] = checkAttributeValue(name, value[name]);
  }
  return attributes;
};

export const checkImages = (value: unknown): readonly ProductImage[] => {
  if (!Array.isArray(value) || value.length > MAX_IMAGES)
    throw new DomainError('INVALID_PRODUCT_IMAGES', `images is a list of at most ${MAX_IMAGES} images`);
  return value.map((image: unknown, index): ProductImage => {
    const url = isRecord(image) ? image.url : undefined;
    if (typeof url !== 'string' || url.length > MAX_URL || !IMAGE_URL.test(url))
      throw new DomainError(
        'INVALID_PRODUCT_IMAGES',
        `images[${index}].url must be an http or https URL without spaces, at most ${MAX_URL} characters`,
        { index },
      );
    const alt = (image as Record<string, unknown>).alt;
    if (alt === undefined) return { url };
    if (typeof alt !== 'string' || alt.length > MAX_ALT)
      throw new DomainError(
        'INVALID_PRODUCT_IMAGES',
        `images[${index}].alt is text of at most ${MAX_ALT} characters`,
        { index },
      );
    return { url, alt };
  });
};
