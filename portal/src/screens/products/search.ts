/** Which version of a product is shown, kept in the address. */
export interface ProductSearch {
  version?: number;
}

export function productSearch(search: Record<string, unknown>): ProductSearch {
  const version = Number(search.version);
  return Number.isInteger(version) && version > 0 ? { version } : {};
}
