// Adversarial requests from issue #11's outside run, as data: shapes every engine must refuse with a coded 400 before
// anything reaches a node (docs/errors.md says so), and underscored names that must not reach a node at all.

export interface RefusedCase {
  readonly name: string;
  /** Sent whole, then the client half-closes. */
  readonly payload: string;
}

/** Request lines with more than one space between two of their parts (each ends with its head: request-line.test.ts
 * sends them one byte per read, and the balancer closes after the head). */
export const DOUBLE_SPACES: readonly RefusedCase[] = [
  { name: 'a double space before the target', payload: 'GET  /ds HTTP/1.1\r\nHost: x\r\n\r\n' },
  { name: 'a double space before the version', payload: 'GET /ds  HTTP/1.1\r\nHost: x\r\n\r\n' },
  { name: 'double spaces before the target and the version', payload: 'GET  /ds  HTTP/1.1\r\nHost: x\r\n\r\n' },
  { name: 'three spaces before the target', payload: 'DELETE   /ds HTTP/1.1\r\nHost: x\r\n\r\n' },
  { name: 'a double space after CRLFs, on HTTP/1.0', payload: '\r\n\r\nGET /ds  HTTP/1.0\r\n\r\n' },
];

export const REFUSED_CASES: readonly RefusedCase[] = [
  { name: 'two Host headers', payload: 'GET /h2 HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n' },
  { name: 'two Host headers, different case', payload: 'GET /h2 HTTP/1.1\r\nHost: a\r\nhOST: b\r\n\r\n' },
  { name: 'an HTTP/0.9 request line', payload: 'GET /old\r\n\r\n' },
  { name: 'an HTTP/0.9 request line with headers', payload: 'GET /old\r\nHost: x\r\n\r\n' },
  {
    name: 'Transfer-Encoding on HTTP/1.0',
    payload: 'POST /te HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
  },
  { name: 'CONNECT', payload: 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n' },
  { name: 'Connection: host', payload: 'GET /c HTTP/1.1\r\nHost: x\r\nConnection: host\r\n\r\n' },
  {
    name: 'Connection naming Content-Length',
    payload: 'POST /c HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: keep-alive, Content-Length\r\n\r\nabc',
  },
  {
    name: 'Connection naming Transfer-Encoding',
    payload: 'POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: transfer-encoding\r\n\r\n' +
      '0\r\n\r\n',
  },
  {
    name: 'a body cut short, then half-closed',
    payload: 'POST /cut HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc',
  },
  {
    name: 'a chunked body cut short, then half-closed',
    payload: 'POST /cut HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab',
  },
  { name: 'a head cut short, then half-closed', payload: 'GET /cut HTTP/1.1\r\nHost: x\r\n' },
  // llhttp reads several spaces as one (and the balancer writes its own request line): the node:http engines find
  // them with engines/node-http/request-line-guard.ts.
  ...DOUBLE_SPACES,
];

/** Underscored names that read as a framing or hop-by-hop header once `_` becomes `-`: forwarded without them. */
export const DISGUISED_NAMES: readonly string[] = [
  'Transfer_Encoding', 'Content_Length', 'transfer_encoding', 'Keep_Alive', 'Proxy_Connection', 'X_Forwarded_For',
  'X_Real_IP',
];

/** A request carrying every disguised name, each with a value that would change the framing if it were read. */
export function disguisedRequest(path: string): string {
  const fields = DISGUISED_NAMES
    .map((n) => `${n}: ${/length/i.test(n) ? '999' : /encoding/i.test(n) ? 'chunked' : 'evil'}\r\n`)
    .join('');
  return `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n${fields}\r\nabc`;
}
