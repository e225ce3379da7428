// Wrong solution for exercise 04: the change is one atomic Lua script, but the 99-unit limit is checked in the
// process before it: a burst of adds all pass the check and the cart ends with 100 to 103 units.
import {
  ShopError, type CartLimits, type CartLine, type CartStore, type OrderRecord, type RedisConnection,
} from '@stateshift/shop';

export interface WorkshopCartStoreOptions {
  readonly idleSeconds: number;
  readonly limits: CartLimits;
  readonly prefix: string;
}

type Scope = Parameters<CartStore['read']>[0];

export function createCartStore(redis: RedisConnection, options: WorkshopCartStoreOptions): CartStore {
  const { maxLines, maxQuantity } = options.limits;
  const cartKey = (scope: Scope) => `${options.prefix}cart:${scope.shopper}`;
  const orderKey = (scope: Scope, orderId: string) => `${options.prefix}order:${scope.shopper}:${orderId}`;

  const read = async (scope: Scope): Promise<CartLine[]> => {
    const json = await redis.run((c) => c.get(cartKey(scope)));
    return json ? JSON.parse(json) as CartLine[] : [];
  };

  // The read-change-write runs inside Redis as one Lua script: no other command can run in between, so two
  // concurrent adds of one shopper both land, on any number of nodes.
  const change = async (
    scope: Scope, productId: string, quantity: number, mode: 'add' | 'set',
  ): Promise<CartLine[]> => {
    // WRONG: the limit is checked here, before the script, on a quantity that concurrent adds are changing.
    const current = (await read(scope)).find((l) => l.productId === productId)?.quantity ?? 0;
    if ((mode === 'add' ? current + quantity : quantity) > maxQuantity) {
      throw new ShopError('SHOP_ERR_QUANTITY_LIMIT', `at most ${maxQuantity} units of one product`);
    }
    const reply = await redis.run((c) => c.eval(CHANGE, {
      keys: [cartKey(scope)],
      arguments: [mode, productId, String(quantity), String(maxLines), String(1_000_000), String(options.idleSeconds)],
    })) as string;
    if (reply === 'quantity-limit') {
      throw new ShopError('SHOP_ERR_QUANTITY_LIMIT', `at most ${maxQuantity} units of one product`);
    }
    if (reply === 'cart-full') {
      throw new ShopError('SHOP_ERR_CART_FULL', `at most ${maxLines} different products in one cart`);
    }
    return JSON.parse(reply) as CartLine[];
  };

  return {
    kind: 'redis',
    read,
    add: (scope, productId, quantity) => change(scope, productId, quantity, 'add'),
    set: (scope, productId, quantity) => change(scope, productId, quantity, 'set'),
    async checkout(scope, orderId) {
      const [json] = await redis.run((c) => c.multi().get(cartKey(scope)).del(cartKey(scope)).exec());
      const lines = typeof json === 'string' ? JSON.parse(json) as CartLine[] : [];
      if (lines.length === 0) return undefined;
      const order: OrderRecord = { orderId, lines, createdAt: new Date().toISOString() };
      await redis.run((c) => c.set(orderKey(scope, orderId), JSON.stringify(order), { EX: 7 * 24 * 3600 }));
      return order;
    },
    async order(scope, orderId) {
      const json = await redis.run((c) => c.get(orderKey(scope, orderId)));
      return json ? JSON.parse(json) as OrderRecord : undefined;
    },
    count: async () => null,
  };
}

/** KEYS: cart. ARGV: mode (add|set), productId, quantity, maxLines, maxQuantity, ttl s.
 *  The cart as JSON, or a limit name. */
const CHANGE = `
local json = redis.call('GET', KEYS[1])
local lines = json and cjson.decode(json) or {}
local found = nil
for i, l in ipairs(lines) do if l.productId == ARGV[2] then found = i end end
local current = found and lines[found].quantity or 0
local q = tonumber(ARGV[3])
if ARGV[1] == 'add' then q = current + q end
if q > tonumber(ARGV[5]) then return 'quantity-limit' end
if not found and q > 0 and #lines >= tonumber(ARGV[4]) then return 'cart-full' end
if q <= 0 then
  if found then table.remove(lines, found) end
elseif found then
  lines[found].quantity = q
else
  lines[#lines + 1] = { productId = ARGV[2], quantity = q }
end
local out = #lines == 0 and '[]' or cjson.encode(lines)
redis.call('SET', KEYS[1], out, 'EX', ARGV[6])
return out
`;
