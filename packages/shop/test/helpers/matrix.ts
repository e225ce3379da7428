// describeMatrix: one suite per cart store kind, each with a running shop; one private Redis per test file.
import { afterAll, beforeAll, describe } from 'vitest';
import { startRedisServer, type RedisServer } from '@stateshift/cluster';
import type { CartStoreKind } from '../../src/index.ts';
import { KINDS, startTestShop, type TestShop, type TestShopOptions } from './test-shop.ts';

export interface MatrixContext {
  readonly kind: CartStoreKind;
  shop(): TestShop;
}

export function describeMatrix(name: string, body: (ctx: MatrixContext) => void,
  extra: Partial<TestShopOptions> = {}): void {
  let redis: RedisServer | undefined;
  beforeAll(async () => { redis = await startRedisServer(); });
  afterAll(async () => { await redis?.close(); });
  for (const kind of KINDS) {
    describe(`${name} [${kind}]`, () => {
      let shop: TestShop | undefined;
      beforeAll(async () => { shop = await startTestShop({ ...extra, kind, redisUrl: redis?.url }); });
      afterAll(async () => { await shop?.close(); });
      body({ kind, shop: () => { if (!shop) throw new Error('shop not started'); return shop; } });
    });
  }
}
