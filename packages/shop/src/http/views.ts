// JSON shapes of the API: a cart or an order as clients see it, priced from the catalog.
import { findProduct } from '../catalog.ts';
import type { CartLine, OrderRecord } from '../cart/cart-store.ts';

export interface CartItemView {
  productId: string;
  name: string;
  quantity: number;
  priceCents: number;
}

export interface CartView {
  items: CartItemView[];
  totalCents: number;
}

export function cartView(lines: readonly CartLine[]): CartView {
  const items: CartItemView[] = [];
  for (const line of lines) {
    const p = findProduct(line.productId);
    if (p) items.push({ productId: p.id, name: p.name, quantity: line.quantity, priceCents: p.priceCents });
  }
  return { items, totalCents: items.reduce((sum, i) => sum + i.quantity * i.priceCents, 0) };
}

export function orderView(order: OrderRecord): CartView & { orderId: string; createdAt: string } {
  return { orderId: order.orderId, ...cartView(order.lines), createdAt: order.createdAt };
}
