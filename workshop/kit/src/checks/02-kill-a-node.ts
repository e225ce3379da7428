// Check of exercise 02: the trainee's carts-lost predictions are compared with a real kill of one of two sticky
// stateful nodes (20 shoppers, each with a cart); the 4-node and stateless answers follow from the same reasoning.
import {
  choiceAnswer, expectClose, expectRight, expectRightWithin, loadAnswers, numberAnswer, type Answers,
} from '../answers.ts';
import { rigStep, type Rig } from '../rig.ts';
import { Shopper } from '../shopper.ts';
import type { Tally } from '../tally.ts';
import { notYet } from '../workshop-error.ts';

const SHOPPERS = 20;

export async function check(t: Tally, dir: string): Promise<void> {
  let answers: Answers = {};
  await t.step('answers.ts loads', async () => { answers = await loadAnswers(dir); });
  await t.step('Q2 share of carts lost with 4 stateful nodes', async () =>
    expectRightWithin('lostShare4Nodes', numberAnswer(answers, 'lostShare4Nodes', 0, 1), 0.25, 0.05),
  { hint: 'new sessions are spread evenly; only the carts pinned to the killed node are gone' });
  await t.step('Q3 carts lost by the stateless variant', async () =>
    expectRight('statelessCartsLost', numberAnswer(answers, 'statelessCartsLost', 0, 1_000_000), 0),
  { hint: 'run pnpm experiment kill-node --variant stateless and read the "carts lost" line' });
  await t.step('Q4 whose carts are lost', async () =>
    expectRight('lostCartsBelongTo',
      choiceAnswer(answers, 'lostCartsBelongTo', ['the-killed-node', 'any-node', 'the-newest-shoppers']),
      'the-killed-node'),
  { hint: 'a stateful cart lives in the memory of the node the shopper is pinned to, and nowhere else' });

  const predicted = answers.lostShare2Nodes;
  if (predicted === null || predicted === undefined) {
    await t.step('Q1 compared with a real kill', async () => {
      throw notYet('answers.lostShare2Nodes is still empty; the real run starts once you predicted');
    });
    return;
  }
  const rig = await rigStep(t, 'a real run: 2 stateful nodes behind a sticky balancer', {
    variant: 'stateful', nodes: 2, balancers: [{ strategy: 'sticky' }],
  });
  if (!rig) return;
  await t.step(`Q1 share of ${SHOPPERS} carts lost when 1 of 2 nodes is killed`, async () => {
    const lost = await killAndCount(rig!);
    const allOnVictim = lost.allOnVictim ? 'yes' : 'no';
    t.measured(`${lost.lost} of ${SHOPPERS} carts lost, all pinned to ${lost.victim}: ${allOnVictim}`);
    return expectClose('lostShare2Nodes', numberAnswer(answers, 'lostShare2Nodes', 0, 1), lost.lost / SHOPPERS, 0.1);
  }, { hint: 'new sessions alternate between the 2 nodes; ' +
    'a cart is lost exactly when its shopper was pinned to the killed node' });
}

async function killAndCount(rig: Rig): Promise<{ lost: number; victim: string; allOnVictim: boolean }> {
  const base = rig.balancers[0]!.url;
  const shoppers = Array.from({ length: SHOPPERS }, () => new Shopper());
  const pinned: (string | undefined)[] = [];
  for (const s of shoppers) {
    const r = await s.add(base, 'p02', 1);
    if (r.status !== 200) throw notYet(`filling the carts: an add answered ${r.status}`);
    pinned.push(r.servedBy);
  }
  const victim = rig.nodes[0]!;
  victim.kill();
  await victim.exited;
  await rig.waitFor(victim.id, 'down');
  let lost = 0;
  let allOnVictim = true;
  for (const [i, s] of shoppers.entries()) {
    const r = await s.cart(base);
    const gone = !JSON.stringify(r.body).includes('"p02"');
    if (gone) lost++;
    if (gone && pinned[i] !== victim.id) allOnVictim = false;
  }
  return { lost, victim: victim.id, allOnVictim };
}
