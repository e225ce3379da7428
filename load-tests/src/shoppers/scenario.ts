// Shopper journeys as plain data (house style 7): which requests a shopper makes, in which order, with which
// chances. The Shopper walks one journey in a loop; nothing here knows about autocannon or the cluster.

type StepKind = 'browse' | 'view' | 'add' | 'cart' | 'set' | 'remove' | 'checkout';

export interface Step {
  do: StepKind;
  /** Probability that the step happens on this pass of the loop (default 1). */
  chance?: number;
  /** add: quantity drawn uniformly from [min, max]; set: the new quantity range (0 removes). */
  quantity?: readonly [number, number];
}

export interface Scenario {
  name: string;
  description: string;
  steps: readonly Step[];
  /** Check out (when the journey reaches a checkout step or not) once the cart holds this many units,
   *  so that quantities stay far from the shop's limits (99 per product, 50 lines). */
  checkoutAboveUnits: number;
}

/** About 16 requests a pass, 5 of them writes: a cart grows over several passes before it is checked out,
 *  so most carts hold acknowledged items at any moment a fault may hit. */
export const browseAndBuy: Scenario = Object.freeze({
  name: 'browse-and-buy',
  description: 'browse, view products, add 1-3 of each, look at the cart, sometimes change or remove a line, ' +
    'now and then check out',
  steps: Object.freeze([
    { do: 'browse' },
    { do: 'view' },
    { do: 'add', quantity: [1, 3] },
    { do: 'view' },
    { do: 'add', quantity: [1, 3] },
    { do: 'cart' },
    { do: 'view' },
    { do: 'add', quantity: [1, 2] },
    { do: 'view' },
    { do: 'add', quantity: [1, 2] },
    { do: 'cart' },
    { do: 'set', chance: 0.3, quantity: [0, 4] },
    { do: 'remove', chance: 0.1 },
    { do: 'cart' },
    { do: 'checkout', chance: 0.1 },
    { do: 'browse' },
  ] as const satisfies readonly Step[]),
  checkoutAboveUnits: 60,
});
