// Check of exercise 08: the trainee's redisEnv() wires two real stateless node processes to our Redis HA topology
// (a primary, a replica, three sentinels). Under a paced load of acknowledged adds, the replica is cut off, the
// primary SIGKILLed and the replica promoted. The nodes must reach the new primary without a restart, answer every
// add within 1.5 s, and lose no add they acknowledged; a control node of the check's own, without WAIT, shows what
// the same fault costs without it. The predictions are compared with what this run measured.
import type { RedisHa, ShopNode } from '@stateshift/cluster';
import { choiceAnswer, expectClose, expectSame, loadAnswers, numberAnswer, type Answers } from '../answers.ts';
import { startFailoverLoad, type AddRecord, type FailoverLoad } from '../failover-load.ts';
import { startFailoverNode, startTopology, traineeEnv, type RedisEnvFn } from '../failover-rig.ts';
import { CUT_MS, isAck, reachedNewPrimary, RECOVER_MS, runFailover, type Timeline } from '../failover-scenario.ts';
import { Shopper } from '../shopper.ts';
import type { Tally } from '../tally.ts';
import { traineeFunction } from '../trainee-module.ts';
import { typesStep } from '../type-check.ts';
import { notYet } from '../workshop-error.ts';

const FILE = 'src/redis-env.ts';
const YOURS = ['node-a', 'node-b'] as const;
const CONTROL = 'control';
const FAST_MS = 1500;
/** The time the nodes get, at least, between the sentinels' announcement and RECOVER_MS. */
const FOLLOW_MS = 3000;
const WINDOW_TOLERANCE_S = 2;
const LOST_CHOICES = ['none', 'those acknowledged while the replica was cut off', 'every acknowledged add'] as const;
const ANSWER_CHOICES = ['200', '503 SHOP_ERR_STORE_INDETERMINATE', '503 SHOP_ERR_STORE_UNAVAILABLE'] as const;

export async function check(t: Tally, dir: string): Promise<void> {
  let answers: Answers = {};
  await t.step('answers.ts loads', async () => { answers = await loadAnswers(dir); });
  let redisEnv: RedisEnvFn | undefined;
  const exported = await t.step(`${FILE} exports redisEnv`, async () => {
    redisEnv = await traineeFunction<RedisEnvFn>(dir, FILE, 'redisEnv');
  });
  if (!exported) return;
  let ha: RedisHa | undefined;
  if (!await t.step('a Redis primary, a replica and three sentinels start (this check\'s own)', async () => {
    ha = await startTopology();
    t.defer(() => ha!.close());
  })) return;
  let env: Record<string, string> = {};
  if (!await t.step('redisEnv(topology) returns a node environment', async () => {
    env = traineeEnv(redisEnv!, ha!);
    return Object.entries(env).map(([k, v]) => `${k}=${k === 'REDIS_MASTER_NAME' ? '…' : v.slice(0, 40)}`).join(' ');
  })) return;
  const nodes: Record<string, ShopNode> = {};
  if (!await t.step('two shop node processes start on your environment (and a control node without WAIT)', async () => {
    const control = { REDIS_SENTINELS: ha!.sentinelList, REDIS_MASTER_NAME: ha!.masterName };
    const starting = [...YOURS.map((id) => [id, env] as const), [CONTROL, control] as const].map(async ([id, e]) => {
      const node = await startFailoverNode(id, e);
      nodes[id] = node;
      t.defer(() => node.stop());
    });
    // allSettled: a node that fails must not leave the others starting unseen (each one started is stopped).
    const failed = (await Promise.allSettled(starting)).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  })) return;
  const storing = await t.step('your nodes are ready and store an add (before any fault)',
    () => readyAndStoring(YOURS.map((id) => nodes[id]!)));
  if (!storing) return;
  await failoverSteps(t, ha!, nodes, answers);
  await typesStep(t, dir, [FILE]);
}

async function failoverSteps(t: Tally, ha: RedisHa, nodes: Record<string, ShopNode>, answers: Answers): Promise<void> {
  let load: FailoverLoad | undefined;
  let timeline: Timeline | undefined;
  if (!await t.step(`under load: the replica cut off for ${CUT_MS / 1000} s, then the primary SIGKILLed`, async () => {
    load = startFailoverLoad({ nodes: Object.fromEntries(Object.entries(nodes).map(([id, n]) => [id, n.url])),
      workersPerNode: 2, spacingMs: 25, maxAdds: 8000, maxMs: 40_000, requestTimeoutMs: 5000 });
    try {
      timeline = await runFailover(ha, load, [...YOURS, CONTROL], 10);
    } finally {
      await load.stop();
    }
    return `${load.records.length} adds sent to 3 nodes`;
  }, { timeoutMs: 45_000 })) return;
  const records = load!.records;
  const tl = timeline!;
  const yours = (r: AddRecord) => (YOURS as readonly string[]).includes(r.node);
  const firstReach = (node: string) => records
    .filter((r) => r.node === node && reachedNewPrimary(r, tl))
    .sort((x, y) => x.sentAt - y.sentAt)[0];

  const recovers = `your nodes store adds again within ${RECOVER_MS / 1000} s of the SIGKILL (the same processes)`;
  const reached = await t.step(recovers, async () => {
    for (const node of YOURS) {
      const first = firstReach(node);
      if (!first || first.sentAt - tl.killedAt > RECOVER_MS) {
        // The sentinels promote in 2-4 s; on a machine too busy for that, the nodes had no fair chance to follow:
        // this run says nothing about them (a plain error: the check could not judge, rather than "not yet").
        if (tl.switchedAt === undefined || tl.switchedAt - tl.killedAt > RECOVER_MS - FOLLOW_MS) {
          const when = tl.switchedAt === undefined ? 'never'
            : `only ${((tl.switchedAt - tl.killedAt) / 1000).toFixed(1)} s after it`;
          throw new Error(`the sentinels announced the promotion ${when} (${(RECOVER_MS - FOLLOW_MS) / 1000} s at ` +
            `most leaves your nodes ${FOLLOW_MS / 1000} s to follow): the machine was too busy for this run to ` +
            'judge your nodes; run the check again');
        }
        const last = records.filter((r) => r.node === node && r.sentAt >= tl.killedAt).at(-1);
        throw notYet(`${node} never reached the promoted replica: its last add answered ${describe(last)}`,
          'a node given one Redis address keeps knocking on the dead primary; ' +
            'the sentinels know which Redis is primary now (REDIS_SENTINELS)');
      }
    }
  });
  await t.step(`every add to your nodes answered within ${FAST_MS / 1000} s`, async () => {
    const slow = records.filter((r) => yours(r) && (r.answeredAt - r.sentAt > FAST_MS || r.status === 0));
    if (slow.length > 0) {
      const worst = slow.reduce((a, b) => (b.answeredAt - b.sentAt > a.answeredAt - a.sentAt ? b : a));
      throw notYet(`${slow.length} adds took longer than ${FAST_MS} ms or got no answer ` +
        `(the slowest: ${worst.answeredAt - worst.sentAt} ms, ${describe(worst)})`,
        'every write waits up to REDIS_WAIT\'s ms for the replica: ' +
          'while the replica is cut off, each add pays it in full before its 503');
    }
  });
  const followsFromRecovery = () =>
    notYet('this follows from the failing step above: your nodes never reached the promoted replica');
  await t.step('with the old primary back as a replica, your nodes acknowledge adds (2xx) again', async () => {
    if (!reached) throw followsFromRecovery();
    if (tl.resyncedAt === undefined) throw new Error('the old primary did not come back as a replica within the bound');
    for (const node of YOURS) {
      if (!records.some((r) => r.node === node && isAck(r) && r.sentAt >= tl.resyncedAt!)) {
        throw notYet(`${node} acknowledged no add after a replica was back`,
          'REDIS_WAIT=<replicas>:<ms>: ask for no more replicas than the topology has');
      }
    }
  });
  let controlLost: { acknowledged: number; lost: AddRecord[] } | undefined;
  await t.step('no add your nodes acknowledged (2xx) is lost', async () => {
    // Read through the control node: it follows the sentinels, so it reads the primary now, whatever yours do.
    const read = await load!.lostAcknowledged(nodes[CONTROL]!.url);
    const mine = read.lost.filter(yours);
    const acked = records.filter((r) => yours(r) && isAck(r)).length;
    const unsure = records.filter((r) => yours(r) && r.code === 'SHOP_ERR_STORE_INDETERMINATE').length;
    controlLost = {
      acknowledged: records.filter((r) => r.node === CONTROL && isAck(r)).length,
      lost: read.lost.filter((r) => r.node === CONTROL),
    };
    if (read.unreadable > 0) throw new Error(`${read.unreadable} carts could not be read back`);
    if (mine.length > 0) {
      throw notYet(`${mine.length} of the ${acked} adds your nodes acknowledged are gone after the failover: ` +
        'the shopper was told "added", the old primary had it, the replica that took over never got it',
      'a 2xx should mean "on two Redis servers": REDIS_WAIT=<replicas>:<ms> makes every write wait for the replica, ' +
        'and answer 503 INDETERMINATE when it does not confirm');
    }
    t.measured(`your nodes: ${acked} adds acknowledged, none lost; ` +
      `${unsure} answered 503 SHOP_ERR_STORE_INDETERMINATE (not confirmed, counted as neither)`);
  });
  await t.step('Q1 how long your nodes fail adds after the SIGKILL (this run)', async () => {
    if (!reached) throw followsFromRecovery();
    const window = Math.max(...YOURS.map((n) => (firstReach(n)!.sentAt - tl.killedAt) / 1000));
    t.measured(`adds failed for ${window.toFixed(1)} s (the last node to reach the new primary)`);
    const predicted = numberAnswer(answers, 'errorWindowSeconds', 0, 30);
    return expectClose('errorWindowSeconds', predicted, window, WINDOW_TOLERANCE_S);
  }, { hint: 'the sentinels wait down-after-milliseconds (1000 here) before they call the primary down, ' +
    'then agree, elect a leader and promote' });
  await t.step('Q2 which acknowledged adds the control node (no WAIT) lost', async () => {
    const { acknowledged, lost } = controlLost!;
    const kind = lost.length === 0 ? 'none' : lost.length === acknowledged ? 'every acknowledged add'
      : lost.every((r) => r.answeredAt >= tl.cutAt) ? 'those acknowledged while the replica was cut off'
      : 'some acknowledged before the cut';
    t.measured(`control node: ${acknowledged} adds acknowledged, ${lost.length} lost`);
    return expectSame('lostWithoutWait', choiceAnswer(answers, 'lostWithoutWait', LOST_CHOICES), kind);
  }, { hint: 'replication is asynchronous: the primary acknowledges first and sends to the replica after' });
  await t.step('Q3 what your nodes answer between the promotion and the replica\'s return', async () => {
    if (!reached) throw followsFromRecovery();
    const between = records.filter((r) => yours(r) && reachedNewPrimary(r, tl)
      && (tl.rejoinAt === undefined || r.answeredAt < tl.rejoinAt));
    const seen = between.some(isAck) ? '200'
      : between.length > 0 ? '503 SHOP_ERR_STORE_INDETERMINATE'
      : '503 SHOP_ERR_STORE_UNAVAILABLE';
    return expectSame('answerAfterPromotion', choiceAnswer(answers, 'answerAfterPromotion', ANSWER_CHOICES), seen);
  }, { hint: 'after the promotion the topology has one data node left: ' +
    'count the replicas that could acknowledge a WAIT' });
}

/** Asks /readyz of every node until 200 (bounded), then adds once through each. */
async function readyAndStoring(nodes: readonly ShopNode[]): Promise<void> {
  for (const node of nodes) {
    const deadline = Date.now() + 6_000;
    let last = await new Shopper().call(node.url, 'GET', '/readyz', undefined, 2000);
    while (last.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      last = await new Shopper().call(node.url, 'GET', '/readyz', undefined, 2000);
    }
    if (last.status !== 200) {
      const why = (last.body as { error?: { message?: string } } | undefined)?.error?.message
        ?? last.error ?? `status ${last.status}`;
      throw notYet(`${node.id} is not ready 6 s after it started: ${why}`,
        'the sentinels know the primary by the name in topology.masterName: REDIS_MASTER_NAME must be that name');
    }
    const add = await new Shopper().add(node.url, 'p01', 1, 4000);
    const code = codeOf(add.body);
    if (add.status !== 200) {
      const answered = describe({ status: add.status, code, error: add.error });
      throw notYet(`${node.id} is ready, but an add with nothing broken answered ${answered}`,
        code === 'SHOP_ERR_STORE_INDETERMINATE'
          ? 'the write was stored but not confirmed by as many replicas as REDIS_WAIT asks for: ' +
            'how many replicas does this topology have?'
          : undefined);
    }
  }
}

function describe(r: Pick<AddRecord, 'status' | 'code' | 'error'> | undefined): string {
  if (!r) return 'nothing (no add was sent after the SIGKILL)';
  if (r.status === 0) return `no answer (${r.error})`;
  return `${r.status}${r.code ? ` ${r.code}` : ''}`;
}

const codeOf = (body: unknown): string | undefined => (body as { error?: { code?: string } } | undefined)?.error?.code;
