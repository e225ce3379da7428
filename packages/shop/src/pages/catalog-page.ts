// GET / : the catalog as cards with an add-to-cart button each.
import { CATALOG } from '../catalog.ts';
import { formatCents, html } from './escape.ts';
import { layout, type PageContext } from './layout.ts';

export function catalogPage(ctx: Omit<PageContext, 'title'>): string {
  const cards = CATALOG.map((p) => html`<div class="card">
<div class="emoji" aria-hidden="true">${p.emoji}</div><div>${p.name}</div>
<div class="price">${formatCents(p.priceCents)}</div>
<button data-action="add" data-id="${p.id}" data-name="${p.name}">Add to cart</button></div>`);
  return layout({ ...ctx, title: 'Products' }, html`<div class="grid">${cards}</div>`);
}
