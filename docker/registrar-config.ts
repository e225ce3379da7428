// The registrar's configuration, read once from the environment, validated, frozen. Its only reader of process.env.
export interface RegistrarConfig {
  /** DNS name of the scaled node service; Docker's DNS answers with one address per replica. */
  readonly service: string;
  readonly nodePort: number;
  /** The balancer's admin API; reachable on 127.0.0.1 because the registrar shares the balancer's network. */
  readonly adminUrl: string;
  /** Node ids are `<prefix>-<address>`. */
  readonly prefix: string;
  readonly intervalMs: number;
}

export function loadRegistrarConfig(env: Readonly<Record<string, string | undefined>>): RegistrarConfig {
  return Object.freeze({
    service: need(env, 'REGISTRAR_SERVICE', /^[a-z0-9][a-z0-9_.-]*$/i),
    nodePort: Number(need(env, 'REGISTRAR_NODE_PORT', /^\d{1,5}$/)),
    adminUrl: need(env, 'REGISTRAR_ADMIN_URL', /^http:\/\/[\w.:-]+$/),
    prefix: need(env, 'REGISTRAR_PREFIX', /^[a-z][a-z0-9-]{0,30}$/),
    intervalMs: Number(env.REGISTRAR_INTERVAL_MS || '2000'),
  });
}

function need(env: Readonly<Record<string, string | undefined>>, name: string, pattern: RegExp): string {
  const value = env[name];
  if (!value || !pattern.test(value)) {
    throw new Error(`${name}=${JSON.stringify(value ?? '')} is not valid; expected ${pattern}`);
  }
  return value;
}
