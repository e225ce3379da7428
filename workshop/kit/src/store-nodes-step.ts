// The first steps of a check on a trainee's cart store (03, 04): the file exports createCartStore, and two shop
// node processes start on it with a private Redis.
import { resolve } from 'node:path';
import { startNodePair, type NodePair } from './node-pair.ts';
import type { Tally } from './tally.ts';
import { traineeFunction } from './trainee-module.ts';
import { WorkshopError } from './workshop-error.ts';

export interface StoreNodesOptions {
  readonly prefix: string;
  readonly idleSeconds: number;
  readonly shortIdleSeconds?: number;
  readonly maxLines?: number;
}

export async function storeNodesStep(
  t: Tally, dir: string, file: string, options: StoreNodesOptions,
): Promise<NodePair | undefined> {
  const exported = await t.step(`${file} exports createCartStore`, async () => {
    await traineeFunction(dir, file, 'createCartStore');
  });
  if (!exported) return undefined;
  let pair: NodePair | undefined;
  const count = options.shortIdleSeconds ? 'three' : 'two';
  await t.step(`${count} shop nodes start, each its own process, with your store and a private Redis`, async () => {
    pair = await startNodePair({ storeModule: resolve(dir, file), ...options });
    t.defer(() => pair!.close());
    return `${pair.nodes.map((n) => `${n.id} pid ${n.pid}`).join(', ')}`;
  });
  return pair;
}

/** A step against the node pair that, when it fails while a node logged an error your store threw, says which. */
export function pairStep(t: Tally, pair: NodePair): Tally['step'] {
  return async (name, fn, options) => t.step(name, async () => {
    const before = pair.thrown().length;
    try {
      return await fn();
    } catch (err) {
      const thrown = pair.thrown().slice(before);
      const last = thrown[thrown.length - 1];
      if (err instanceof WorkshopError && last !== undefined
        && !err.message.includes(last.slice(last.indexOf(': ') + 2, 160))) {
        const message = `${err.message}\nyour store threw: ${last.slice(0, 300)}`;
        throw new WorkshopError(err.code, message, err.hint, err.reveal);
      }
      throw err;
    }
  }, options);
}
