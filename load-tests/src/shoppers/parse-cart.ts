// Reads `items: [{ productId, quantity, ... }]` out of a cart or order answer, keeping only what the
// checker needs; undefined when the shape is not there.
import type { CartLine } from './history.ts';

export function parseCartLines(parsed: unknown): CartLine[] | undefined {
  const items = (parsed as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return undefined;
  return items.flatMap((item: unknown) => {
    const line = item as { productId?: unknown; quantity?: unknown };
    return typeof line.productId === 'string' && typeof line.quantity === 'number'
      ? [{ productId: line.productId, quantity: line.quantity }]
      : [];
  });
}
