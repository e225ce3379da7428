// Check of exercise 01: the trainee's predictions about sticky vs round-robin are compared with a real run of
// two stateful nodes behind a sticky and a round-robin balancer.
import { choiceAnswer, expectRight, expectSame, loadAnswers, numberAnswer, type Answers } from '../answers.ts';
import { rigStep } from '../rig.ts';
import { Shopper } from '../shopper.ts';
import type { Tally } from '../tally.ts';
import { notYet } from '../workshop-error.ts';

const READS = 10;

export async function check(t: Tally, dir: string): Promise<void> {
  let answers: Answers = {};
  await t.step('answers.ts loads', async () => { answers = await loadAnswers(dir); });
  await t.step('Q3 where the stateful cart lives', async () =>
    expectRight('cartLivesIn',
      choiceAnswer(answers, 'cartLivesIn', ['cookie', 'balancer', 'node-memory', 'redis']), 'node-memory'),
  { hint: 'the stateful app wires createMemoryCartStore: look at apps/shop-stateful/src/main.ts' });
  await t.step('Q4 what the shop.sid cookie carries', async () =>
    expectRight('sessionCookieCarries',
      choiceAnswer(answers, 'sessionCookieCarries', ['the-cart', 'a-signed-session-id', 'the-node-address']),
      'a-signed-session-id'),
  { hint: 'curl -v shows the cookie: an "s:" prefix, an id, a dot and a signature' });

  const sticky = answers.stickyDistinctNodes;
  const rr = answers.roundRobinReadsWithItem;
  if ((sticky === null || sticky === undefined) && (rr === null || rr === undefined)) {
    await t.step('Q1 and Q2 compared with a real run', async () => {
      throw notYet('answers.stickyDistinctNodes and answers.roundRobinReadsWithItem are still empty; ' +
        'the real run starts once you predicted');
    });
    return;
  }
  const rig = await rigStep(t, 'a real run: 2 stateful nodes, a sticky and a round-robin balancer', {
    variant: 'stateful', nodes: 2, balancers: [{ strategy: 'sticky' }, { strategy: 'round-robin' }],
  });
  if (!rig) return;
  const [stickyLb, rrLb] = rig.balancers;
  await t.step(`Q1 sticky: distinct nodes serving ${READS} reads`, async () => {
    const seen = await readsAfterAdd(stickyLb!.url);
    t.measured(`sticky: the add was served by ${seen.addedOn}; the reads by ${[...new Set(seen.servedBy)].join(', ')}`);
    return expectSame('stickyDistinctNodes', numberAnswer(answers, 'stickyDistinctNodes', 0, READS),
      new Set(seen.servedBy).size);
  }, { hint: 'a sticky balancer pins a browser to one node with its ss_lb cookie: ' +
    'count the nodes that can answer that browser' });
  await t.step(`Q2 round-robin: reads (of ${READS}) that still show the item`, async () => {
    const seen = await readsAfterAdd(rrLb!.url);
    t.measured(`round-robin: the add was served by ${seen.addedOn}; reads with the item: ${seen.withItem}, ` +
      `served by ${seen.servedBy.join(' ')}`);
    return expectSame('roundRobinReadsWithItem', numberAnswer(answers, 'roundRobinReadsWithItem', 0, READS),
      seen.withItem);
  }, { hint: 'round-robin ignores cookies and alternates between the 2 nodes; ' +
    'only the node that took the add has the item in memory' });
}

async function readsAfterAdd(
  base: string,
): Promise<{ addedOn: string | undefined; servedBy: string[]; withItem: number }> {
  const shopper = new Shopper();
  const added = await shopper.add(base, 'p01', 1);
  if (added.status !== 200) throw notYet(`adding an item through the balancer answered ${added.status}`);
  const servedBy: string[] = [];
  let withItem = 0;
  for (let i = 0; i < READS; i++) {
    const r = await shopper.cart(base);
    servedBy.push(r.servedBy ?? '?');
    if (JSON.stringify(r.body).includes('"p01"')) withItem++;
  }
  return { addedOn: added.servedBy, servedBy, withItem };
}
