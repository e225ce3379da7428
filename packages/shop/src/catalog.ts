// The product catalog: twenty products with short stable ids (p01..p20). Static data; never mutated.
export interface Product {
  readonly id: string;
  readonly name: string;
  readonly priceCents: number;
  readonly emoji: string;
}

const rows: ReadonlyArray<readonly [string, number, string]> = [
  ['Espresso beans, 250 g', 1290, '☕'], ['Green tea, 100 g', 890, '🍵'], ['Dark chocolate bar', 349, '🍫'],
  ['Sourdough loaf', 450, '🍞'], ['Wildflower honey', 990, '🍯'], ['Apples, 1 kg', 299, '🍎'],
  ['Avocado', 179, '🥑'], ['Cheddar, 200 g', 520, '🧀'], ['Croissant', 189, '🥐'], ['Lemons, 3 pcs', 249, '🍋'],
  ['Pineapple', 399, '🍍'], ['Strawberries, 500 g', 599, '🍓'], ['Carrots, 1 kg', 159, '🥕'],
  ['Olive oil, 500 ml', 1190, '🫒'], ['Spaghetti, 500 g', 199, '🍝'], ['Rice, 1 kg', 279, '🍚'],
  ['Eggs, 10 pcs', 389, '🥚'], ['Milk, 1 l', 129, '🥛'], ['Blueberries, 250 g', 449, '🫐'], ['Peanuts, 200 g', 229, '🥜'],
];

export const CATALOG: readonly Product[] = Object.freeze(rows.map(([name, priceCents, emoji], i) =>
  Object.freeze({ id: `p${String(i + 1).padStart(2, '0')}`, name, priceCents, emoji })));

/** Product ids in catalog order, for load generators that need real ids. */
export const PRODUCT_IDS: readonly string[] = Object.freeze(CATALOG.map((p) => p.id));

const byId = new Map(CATALOG.map((p) => [p.id, p]));

/** A Map lookup, so ids such as `__proto__` or `constructor` are simply unknown. */
export function findProduct(id: unknown): Product | undefined {
  return typeof id === 'string' ? byId.get(id) : undefined;
}
