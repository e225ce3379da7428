// Pure cart arithmetic shared by the memory and session stores: apply an add or a set under the limits.
// Never mutates its input; throws a ShopError and returns nothing past a limit.
import { ShopError } from '../errors.ts';
import type { CartLimits, CartLine } from './cart-store.ts';

export function addLine(
  lines: readonly CartLine[], productId: string, quantity: number, limits: CartLimits,
): CartLine[] {
  const current = lines.find((l) => l.productId === productId)?.quantity ?? 0;
  return setLine(lines, productId, current + quantity, limits);
}

export function setLine(
  lines: readonly CartLine[], productId: string, quantity: number, limits: CartLimits,
): CartLine[] {
  const exists = lines.some((l) => l.productId === productId);
  if (quantity <= 0) return lines.filter((l) => l.productId !== productId);
  if (quantity > limits.maxQuantity) throw quantityLimit(limits);
  if (!exists && lines.length >= limits.maxLines) throw cartFull(limits);
  if (!exists) return [...lines, { productId, quantity }];
  return lines.map((l) => (l.productId === productId ? { productId, quantity } : { ...l }));
}

export function quantityLimit(limits: CartLimits): ShopError {
  return new ShopError('SHOP_ERR_QUANTITY_LIMIT', `at most ${limits.maxQuantity} units of one product`);
}

export function cartFull(limits: CartLimits): ShopError {
  return new ShopError('SHOP_ERR_CART_FULL', `at most ${limits.maxLines} different products in one cart`);
}
