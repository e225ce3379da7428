// Check of exercise 09: the balancer is stateful too, observed for real. 2 stateful nodes behind a table and a
// signed sticky balancer (each a child process); 20 shoppers pinned through each; each balancer is SIGKILLed and
// started again on the same ports (as `restart-balancer` does), then the signed one once more with a new secret;
// every time, the shoppers read their carts back in a shuffled order.
import { choiceAnswer, expectRight, expectSame, loadAnswers, type Answers } from '../answers.ts';
import { newSecret, startAffinityRig, type AffinityBalancer, type AffinityRig } from '../affinity-rig.ts';
import { cartLines, Shopper } from '../shopper.ts';
import type { Tally } from '../tally.ts';
import { notYet } from '../workshop-error.ts';

const DOWN = ['connection-refused', 'error-503', 'served-by-a-node'] as const;
const CARTS = ['every-cart-kept', 'some-carts-lost', 'every-cart-lost'] as const;
const SHARE = ['the-affinity-secret', 'the-pin-table', 'nothing'] as const;
const KEYS = ['balancerDown', 'tableRestart', 'signedRestart', 'signedNewSecret'];
const SHOPPERS = 20;

interface Pinned { shopper: Shopper; node: string }

export async function check(t: Tally, dir: string): Promise<void> {
  let answers: Answers = {};
  await t.step('answers.ts loads', async () => { answers = await loadAnswers(dir); });
  await t.step('Q5 what every instance of a signed balancer must share', async () => expectRight('signedMustShare',
    choiceAnswer(answers, 'signedMustShare', SHARE), 'the-affinity-secret'),
  { hint: 'a signed cookie is sealed with a key: which process can open it?' });
  if (KEYS.every((k) => answers[k] === null || answers[k] === undefined)) {
    await t.step('Q1-Q4 compared with a real run', async () => {
      throw notYet(`answers.${KEYS.join(', answers.')} are still empty; the real run starts once you predicted`);
    });
    return;
  }
  let rig: AffinityRig | undefined;
  const pinned = new Map<AffinityBalancer, Pinned[]>();
  await t.step('a real run: 2 stateful nodes behind a table and a signed sticky balancer, ' +
    '20 shoppers pinned through each', async () => {
    rig = await startAffinityRig(['table', 'signed']);
    t.defer(() => rig!.close());
    for (const b of rig.balancers) pinned.set(b, await pinShoppers(b));
    return `balancer pids ${rig.balancers.map((b) => `${b.process.pid} (${b.mode})`).join(', ')}`;
  });
  if (!rig) return;
  const [table, signed] = rig.balancers as [AffinityBalancer, AffinityBalancer];
  await t.step('Q1 while the balancer is down, a shopper\'s request gets', async () => {
    let seen = '';
    await rig!.restart(table, {
      whileDown: async () => {
        const reply = await pinned.get(table)![0]!.shopper.cart(table.process.url);
        const refused = /ECONNREFUSED/.test(reply.error ?? '');
        seen = reply.status === 0 ? (refused ? 'connection-refused' : `no answer (${reply.error})`)
          : reply.status === 503 ? 'error-503' : 'served-by-a-node';
      },
    });
    t.measured(`between the SIGKILL and the new process: ${seen}`);
    return expectSame('balancerDown', choiceAnswer(answers, 'balancerDown', DOWN), seen);
  }, { hint: 'the balancer is one process: after SIGKILL, what listens on its port?' });
  await cartsStep(t, 'Q2 --affinity table, restarted: the 20 shoppers\' carts', 'tableRestart', answers, table, pinned,
    async () => undefined, 'where does a table balancer keep its pins, and what is left of them after a SIGKILL?');
  await cartsStep(t, 'Q3 --affinity signed, restarted with the same secret: the 20 shoppers\' carts', 'signedRestart',
    answers, signed, pinned, () => rig!.restart(signed),
    'where does a signed balancer keep the pin? what does a new process need to read it?');
  await cartsStep(t, 'Q4 --affinity signed, restarted with a new secret: the 20 shoppers\' carts', 'signedNewSecret',
    answers, signed, pinned, () => rig!.restart(signed, { secret: newSecret() }),
    'a cookie sealed with another key looks like a forgery to the balancer: what does it do with one?');
}

/** 20 new shoppers with one item each through `b`; each remembers the node that holds its cart. */
async function pinShoppers(b: AffinityBalancer): Promise<Pinned[]> {
  const pinned: Pinned[] = [];
  for (let i = 0; i < SHOPPERS; i++) {
    const shopper = new Shopper();
    const reply = await shopper.add(b.process.url, 'p01', 1);
    if (reply.status !== 200 || !reply.servedBy) {
      throw new Error(`adding an item through the ${b.mode} balancer answered ${reply.status || reply.error}`);
    }
    pinned.push({ shopper, node: reply.servedBy });
  }
  return pinned;
}

async function cartsStep(
  t: Tally, name: string, key: string, answers: Answers, b: AffinityBalancer, pinned: Map<AffinityBalancer, Pinned[]>,
  restart: () => Promise<void>, hint: string,
): Promise<void> {
  await t.step(name, async () => {
    await restart();
    const shoppers = pinned.get(b)!;
    let lost = 0;
    let moved = 0;
    // A shuffled order: the new balancer must not meet the shoppers in the order the old one pinned them.
    for (const p of shuffled(shoppers)) {
      const reply = await p.shopper.cart(b.process.url);
      if (reply.status !== 200) {
        throw new Error(`reading a cart through the ${b.mode} balancer answered ${reply.status || reply.error}`);
      }
      if (cartLines(reply).length === 0) lost++;
      if (reply.servedBy !== p.node) moved++;
      // The cart now lives where this read landed (an empty one, if lost): the next restart starts from here.
      p.node = reply.servedBy ?? p.node;
      if (cartLines(reply).length === 0) await p.shopper.add(b.process.url, 'p01', 1);
    }
    t.measured(`${b.mode}: ${lost} of ${shoppers.length} carts lost; ${moved} shoppers landed on another node`);
    const seen = lost === 0 ? 'every-cart-kept' : lost === shoppers.length ? 'every-cart-lost' : 'some-carts-lost';
    return expectSame(key, choiceAnswer(answers, key, CARTS), seen);
  }, { hint });
}

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
