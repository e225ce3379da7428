// Check of exercise 05: predictions about who gets traffic after a scale-out, compared with a real run: 2 stateful
// nodes behind a sticky and a round-robin balancer, 12 shoppers each, then a third node added to both.
import { choiceAnswer, expectClose, expectRight, loadAnswers, numberAnswer, type Answers } from '../answers.ts';
import { rigStep } from '../rig.ts';
import { Shopper } from '../shopper.ts';
import type { Tally } from '../tally.ts';
import { notYet } from '../workshop-error.ts';

const SHOPPERS = 12;
const READS = 5;
const PREDICTIONS = ['stickyShareOnNewNode', 'roundRobinShareOnNewNode', 'newShoppersOnNewNodeSticky'];

export async function check(t: Tally, dir: string): Promise<void> {
  let answers: Answers = {};
  await t.step('answers.ts loads', async () => { answers = await loadAnswers(dir); });
  await t.step('Q4 how sticky skew goes away', async () => expectRight('skewFades',
    choiceAnswer(answers, 'skewFades', ['when-old-sessions-end', 'the-balancer-moves-sessions', 'never']),
    'when-old-sessions-end'),
  { hint: 'the balancer keeps every existing pin (moving a shopper would lose a stateful cart)' });
  if (PREDICTIONS.every((k) => answers[k] === null || answers[k] === undefined)) {
    await t.step('Q1-Q3 compared with a real scale-out', async () => {
      throw notYet(`answers.${PREDICTIONS.join(', answers.')} are still empty; the real run starts once you predicted`);
    });
    return;
  }
  const rig = await rigStep(t, 'a real run: 2 stateful nodes, a sticky and a round-robin balancer', {
    variant: 'stateful', nodes: 2, balancers: [{ strategy: 'sticky' }, { strategy: 'round-robin' }],
  });
  if (!rig) return;
  const [sticky, rr] = rig.balancers.map((b) => b.url) as [string, string];
  const before = { sticky: await shoppers(sticky), rr: await shoppers(rr) };
  let added = '';
  await t.step('a third node joins both balancers', async () => { added = (await rig!.addNode()).id; return added; });
  if (!added) return;
  await t.step(`Q1 sticky: share of the existing shoppers' requests on the new node`, async () => {
    const share = await shareOn(before.sticky, sticky, added);
    return expectClose('stickyShareOnNewNode', numberAnswer(answers, 'stickyShareOnNewNode', 0, 1), share, 0.05);
  }, { hint: 'existing shoppers carry an ss_lb cookie that names their node' });
  await t.step(`Q2 round-robin: share of the existing shoppers' requests on the new node`, async () => {
    const share = await shareOn(before.rr, rr, added);
    const predicted = numberAnswer(answers, 'roundRobinShareOnNewNode', 0, 1);
    return expectClose('roundRobinShareOnNewNode', predicted, share, 0.05);
  }, { hint: 'round-robin over N nodes gives each node 1/N of the requests, whoever sends them' });
  await t.step(`Q3 sticky: of ${SHOPPERS} new shoppers, how many are pinned to the new node`, async () => {
    const fresh = await shoppers(sticky);
    const onNew = fresh.filter((s) => s.pinnedTo === added).length;
    const predicted = numberAnswer(answers, 'newShoppersOnNewNodeSticky', 0, SHOPPERS);
    return expectClose('newShoppersOnNewNodeSticky', predicted, onNew, 0);
  }, { hint: 'new sessions are spread round-robin over every node that is up, the new one included' });
}

interface Pinned { shopper: Shopper; pinnedTo: string | undefined }

async function shoppers(base: string): Promise<Pinned[]> {
  const list: Pinned[] = [];
  for (let i = 0; i < SHOPPERS; i++) {
    const shopper = new Shopper();
    const r = await shopper.add(base, 'p03', 1);
    if (r.status !== 200) throw notYet(`an add through ${base} answered ${r.status || r.error}`);
    list.push({ shopper, pinnedTo: r.servedBy });
  }
  return list;
}

async function shareOn(list: Pinned[], base: string, nodeId: string): Promise<number> {
  let on = 0;
  for (const { shopper } of list) {
    for (let i = 0; i < READS; i++) if ((await shopper.cart(base)).servedBy === nodeId) on++;
  }
  return on / (list.length * READS);
}
