// Start failures of a child: the error carries CLUSTER_ERR_CHILD_START and the child's last output, and
// nothing is left running.
import { describe, expect, it } from 'vitest';
import { ClusterError, spawnBalancer, startShopNode } from '../src/index.ts';
import { pidInMessage, waitGone } from './helpers/pids.ts';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

async function failure(promise: Promise<unknown>): Promise<ClusterError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ClusterError);
  return err as ClusterError;
}

describe('child start', () => {
  it('a node that exits before ready fails with CHILD_START and its last output lines', async () => {
    const err = await failure(
      startShopNode({ variant: 'stateful', id: 'stateful-1', entry: fixture('dies-early.ts') }),
    );
    expect(err.code).toBe('CLUSTER_ERR_CHILD_START');
    expect(err.message).toMatch(/shop node stateful-1/);
    expect(err.message).toMatch(/code 3/);
    expect(err.message).toMatch(/EADDRNOTAVAIL \(on purpose\)/);
  });

  it('a node that never reports ready fails at the start timeout, with its output, and is killed', async () => {
    const err = await failure(startShopNode({
      variant: 'stateless', id: 'stateless-1', entry: fixture('never-ready.ts'), startTimeoutMs: 3_000,
    }));
    expect(err.code).toBe('CLUSTER_ERR_CHILD_START');
    expect(err.message).toMatch(/no ready message within 3000 ms/);
    expect(err.message).toMatch(/booting forever/);
    expect(await waitGone([pidInMessage(err.message)])).toEqual([]);
  });

  it('a missing entry file fails with CHILD_START naming the path', async () => {
    const err = await failure(spawnBalancer({ strategy: 'sticky', entry: '/nonexistent/main.ts' }));
    expect(err.code).toBe('CLUSTER_ERR_CHILD_START');
    expect(err.message).toMatch(/\/nonexistent\/main\.ts/);
  });
});
