// pnpm demo's flags: defaults, each flag, and bad values failing with DEMO_ERR_FLAGS naming the flag.
import { describe, expect, it } from 'vitest';
import { loadDemoConfig } from '../src/index.ts';

describe('demo config', () => {
  it('defaults: port 8080, 3 nodes, traffic on, no Redis URL', () => {
    expect(loadDemoConfig([], {})).toEqual({
      port: 8080, nodes: 3, traffic: true, redisUrl: undefined, help: false, engine: undefined,
      columns: ['stateful', 'stateless'], redis: 'single',
    });
  });

  it('reads every flag, in both --flag value and --flag=value forms, and REDIS_URL', () => {
    expect(loadDemoConfig(['--port', '9000', '--nodes=2', '--no-traffic', '--redis-url', 'redis://127.0.0.1:7000'], {}))
      .toMatchObject({ port: 9000, nodes: 2, traffic: false, redisUrl: 'redis://127.0.0.1:7000', help: false });
    expect(loadDemoConfig(['--engine', 'raw', '--left=stateless', '--right', 'stateful'], {}))
      .toMatchObject({ engine: 'raw', columns: ['stateless', 'stateful'] });
    expect(loadDemoConfig([], { REDIS_URL: 'redis://127.0.0.1:7001' }).redisUrl).toBe('redis://127.0.0.1:7001');
    expect(loadDemoConfig(['--help'], {}).help).toBe(true);
  });

  it('--redis ha puts the stateless column (left or right) on Redis HA', () => {
    expect(loadDemoConfig(['--redis', 'ha'], {})).toMatchObject({ redis: 'ha', columns: ['stateful', 'stateless-ha'] });
    expect(loadDemoConfig(['--redis=ha', '--left', 'stateless', '--right', 'stateful'], {}).columns)
      .toEqual(['stateless-ha', 'stateful']);
    expect(loadDemoConfig(['--right', 'stateless-ha'], {}).columns).toEqual(['stateful', 'stateless-ha']);
  });

  it.each([
    [['--port', '0'], '--port'], [['--port', '65534'], '--port'], [['--port', 'x'], '--port'], [['--port'], '--port'],
    [['--nodes', '9'], '--nodes'], [['--nodes', '1.5'], '--nodes'], [['--redis-url', 'http://x'], 'redis'],
    [['--bogus'], '--bogus'], [['--engine', 'nginx'], '--engine'], [['--left', 'mystery'], '--left'],
    [['--right', 'stateful'], '--left and --right must differ'], [['--redis', 'cluster'], '--redis'],
    [['--redis', 'ha', '--redis-url', 'redis://127.0.0.1:7000'], '--redis ha'],
    [['--redis', 'ha', '--right', 'stateful-x'], '--right'],
  ])('rejects %j with DEMO_ERR_FLAGS naming %s', (argv, named) => {
    expect(() => loadDemoConfig(argv, {}))
      .toThrow(expect.objectContaining({ code: 'DEMO_ERR_FLAGS', message: expect.stringContaining(named) }));
  });

  it('rejects a bad REDIS_URL from the environment', () => {
    expect(() => loadDemoConfig([], { REDIS_URL: 'nope' }))
      .toThrow(expect.objectContaining({ code: 'DEMO_ERR_FLAGS' }));
  });
});
