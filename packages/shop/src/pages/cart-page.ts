// GET /cart : the cart with quantity inputs, remove buttons and checkout; after a checkout, the order placed.
import type { CartView } from '../http/views.ts';
import { formatCents, html, type SafeHtml } from './escape.ts';
import { layout, type PageContext } from './layout.ts';

export function cartPage(
  ctx: Omit<PageContext, 'title'>, cart: CartView, order?: CartView & { orderId: string },
): string {
  const placed = order ? html`<p><strong>Thank you!</strong> Order <code>${order.orderId}</code> ·
${formatCents(order.totalCents)}</p>` : html``;
  return layout({ ...ctx, title: 'Your cart' }, html`${placed}${cart.items.length === 0 ? html`<p>Your cart is empty.
<a href="/">Browse the products</a>.</p>` : cartTable(cart)}`);
}

function cartTable(cart: CartView): SafeHtml {
  const rows = cart.items.map((i) => html`<tr><td>${i.name}</td><td>${formatCents(i.priceCents)}</td>
<td><input type="number" min="0" max="99" value="${i.quantity}" data-id="${i.productId}"
  aria-label="quantity of ${i.name}"></td>
<td>${formatCents(i.priceCents * i.quantity)}</td>
<td><button class="secondary" data-action="remove" data-id="${i.productId}">Remove</button></td></tr>`);
  return html`<table><thead><tr><th>Product</th><th>Price</th><th>Quantity</th><th>Subtotal</th><th></th></tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr><th colspan="3">Total</th><th id="total">${formatCents(cart.totalCents)}</th><th></th></tr></tfoot></table>
<p><button data-action="checkout">Check out</button></p>`;
}
