/** Default length of an id-derived suffix. */
export const SUFFIX_LENGTH = 6;

/**
 * The last `length` letters or digits of a connector id, lower-cased (ids end in their
 * random part): what tells apart two connectors whose names alone cannot be.
 *
 * @example
 * idSuffix("c-9F8E7D6C"); // "8e7d6c"
 */
export function idSuffix(id: string, length = SUFFIX_LENGTH): string {
  const chars = id.toLowerCase().replace(/[^a-z0-9]/g, "");
  return (chars.length > 0 ? chars : "x").slice(-length);
}
