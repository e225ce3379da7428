// Parses one `--upstream [id=]url` value: an http URL with host and port, no path; the id defaults to node-<n>.
import { LbError } from '../errors.ts';

export interface UpstreamSpec {
  readonly id: string;
  readonly url: string;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function parseUpstream(value: string, index: number): UpstreamSpec {
  const eq = value.indexOf('=');
  const hasId = eq > 0 && !value.slice(0, eq).includes(':');
  const id = hasId ? value.slice(0, eq) : `node-${index + 1}`;
  const url = hasId ? value.slice(eq + 1) : value;
  const checked = checkNodeUrl(url);
  if (!checked.ok) throw new LbError('LB_ERR_CONFIG', `--upstream (LB_UPSTREAMS) ${checked.message} (got "${value}"); expected [id=]http://host:port`);
  if (!ID.test(id)) throw new LbError('LB_ERR_CONFIG', `--upstream id "${id}" must match ${ID}`);
  return { id, url: checked.url };
}

export function checkNodeUrl(url: unknown): { ok: true; url: string } | { ok: false; message: string } {
  if (typeof url !== 'string') return { ok: false, message: 'url must be a string' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, message: 'is not a valid URL' };
  }
  if (parsed.protocol !== 'http:') return { ok: false, message: 'must use http:' };
  if (parsed.pathname !== '/' || parsed.search || parsed.hash || parsed.username) {
    return { ok: false, message: 'must be an origin without path, query or credentials' };
  }
  return { ok: true, url: parsed.origin };
}

export function isNodeId(id: unknown): id is string {
  return typeof id === 'string' && ID.test(id);
}
