// Check of exercise 07: drain and the three sticky-miss policies, observed for real: 2 stateful nodes behind
// three sticky balancers (continue, reject, drop); drain on one, then a node killed under all three.
import { adminClient } from '@stateshift/cluster';
import { choiceAnswer, expectRight, expectSame, loadAnswers, type Answers } from '../answers.ts';
import { rigStep, type Rig } from '../rig.ts';
import { cartLines, Shopper, type Reply } from '../shopper.ts';
import type { Tally } from '../tally.ts';
import { notYet } from '../workshop-error.ts';

const NODES = ['the-draining-node', 'another-node'] as const;
const OUTCOMES = ['another-node-empty-cart', 'another-node-cart-intact', 'error-503', 'no-answer'] as const;
const POLICIES = ['continue', 'reject', 'drop'] as const;
const KEYS = ['drainPinnedShopper', 'drainNewShopper', 'missContinue', 'missReject', 'missDrop'];

export async function check(t: Tally, dir: string): Promise<void> {
  let answers: Answers = {};
  await t.step('answers.ts loads', async () => { answers = await loadAnswers(dir); });
  await t.step('Q6 what keeps "continue" from losing state', async () => expectRight('makesContinueSafe',
    choiceAnswer(answers, 'makesContinueSafe', ['session-state-replication', 'longer-timeouts', 'more-nodes']),
    'session-state-replication'),
  { hint: 'continue sends the shopper to a node that lacks its state: what would put the state there?' });
  if (KEYS.every((k) => answers[k] === null || answers[k] === undefined)) {
    await t.step('Q1-Q5 compared with a real run', async () => {
      throw notYet(`answers.${KEYS.join(', answers.')} are still empty; the real run starts once you predicted`);
    });
    return;
  }
  const rig = await rigStep(t, 'a real run: 2 stateful nodes behind 3 sticky balancers (continue, reject, drop)', {
    variant: 'stateful', nodes: 2,
    balancers: POLICIES.map((stickyMiss) => ({ strategy: 'sticky' as const, stickyMiss })),
  });
  if (!rig) return;
  await drainSteps(t, rig, answers);
  await missSteps(t, rig, answers);
}

async function drainSteps(t: Tally, rig: Rig, answers: Answers): Promise<void> {
  const lb = rig.balancers[0]!;
  const pinned = new Shopper();
  const first = await pinned.add(lb.url, 'p01', 1);
  const target = first.servedBy ?? '?';
  await adminClient(lb.adminUrl, lb.adminToken).drain(target);
  const name = (id: string | undefined) => (id === target ? 'the-draining-node' : 'another-node');
  await t.step('Q1 drain: the next request of a shopper pinned to the draining node goes to', async () =>
    expectSame('drainPinnedShopper', choiceAnswer(answers, 'drainPinnedShopper', NODES),
      name((await pinned.cart(lb.url)).servedBy)),
  { hint: 'draining means no NEW sessions; think about what happens to the existing ones' });
  await t.step('Q2 drain: a new shopper goes to', async () =>
    expectSame('drainNewShopper', choiceAnswer(answers, 'drainNewShopper', NODES),
      name((await new Shopper().add(lb.url, 'p02', 1)).servedBy)),
  { hint: 'draining means no NEW sessions' });
  await adminClient(lb.adminUrl, lb.adminToken).undrain(target);
}

async function missSteps(t: Tally, rig: Rig, answers: Answers): Promise<void> {
  const victim = rig.nodes[0]!;
  const pinned = await Promise.all(rig.balancers.map((b) => shopperPinnedTo(b.url, victim.id)));
  victim.kill();
  await victim.exited;
  await rig.waitFor(victim.id, 'down');
  for (const [i, policy] of POLICIES.entries()) {
    const key = `miss${policy[0]!.toUpperCase()}${policy.slice(1)}`;
    await t.step(`Q${3 + i} --sticky-miss ${policy}: a shopper pinned to the killed node sees`, async () => {
      const reply = await pinned[i]!.cart(rig.balancers[i]!.url);
      const seen = reply.status
        ? `${reply.status} from ${reply.servedBy ?? 'the balancer'}`
        : `no answer (${reply.error})`;
      t.measured(`${policy}: ${seen}`);
      return expectSame(key, choiceAnswer(answers, key, OUTCOMES), outcome(reply));
    }, { hint: `read what --sticky-miss ${policy} does in the Background section, and where a stateful cart lives` });
  }
}

/** A shopper with one item whose affinity cookie pins it to `nodeId`; new sessions alternate, so 2 tries suffice. */
async function shopperPinnedTo(base: string, nodeId: string): Promise<Shopper> {
  for (let i = 0; i < 4; i++) {
    const s = new Shopper();
    if ((await s.add(base, 'p01', 1)).servedBy === nodeId) return s;
  }
  throw notYet(`no shopper got pinned to ${nodeId}`);
}

function outcome(r: Reply): (typeof OUTCOMES)[number] | string {
  if (r.status === 0) return 'no-answer';
  if (r.status === 503) return 'error-503';
  if (r.status === 200) return cartLines(r).length > 0 ? 'another-node-cart-intact' : 'another-node-empty-cart';
  return `status ${r.status}`;
}
