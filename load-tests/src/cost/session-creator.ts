// Creates new sessions on one node: cookie-less `POST /api/cart/items` straight to its port (never through the
// balancer), a few at a time; each 2xx is a new session holding one cart line. Bounded in count and in time, and
// it stops at the first answer that is not 2xx (SHOP_ERR_CAPACITY at the cap) or the first failed request.
import { Agent, request } from 'node:http';

export interface CreateSessionsInput {
  port: number;
  productId: string;
  count: number;
  concurrency: number;
  /** Epoch ms after which no request starts. */
  deadline: number;
  /** The bound the stop message names when the deadline was set for more than this call; default deadline − now. */
  boundMs?: number;
}

export interface CreatedSessions {
  /** 2xx answers: sessions the node says it created. */
  ok: number;
  /** Why it stopped before `count`: the refusal's code, the error, or the time bound; null when it did not. */
  stoppedEarly: string | null;
  durationMs: number;
}

type Answer = { status: number; code: string | undefined } | { error: string };

export async function createSessions(input: CreateSessionsInput): Promise<CreatedSessions> {
  const agent = new Agent({ keepAlive: true, maxSockets: input.concurrency });
  const started = Date.now();
  const bound = input.boundMs ?? input.deadline - started;
  let next = 0;
  let ok = 0;
  let stop: string | null = null;
  const worker = async () => {
    while (stop === null && next < input.count) {
      if (Date.now() >= input.deadline) { stop = `time bound (${(bound / 1000).toFixed(1)} s) reached`; break; }
      next++;
      const answer = await addItem(agent, input);
      if ('error' in answer) stop ??= `${answer.error} after ${ok} 2xx answers`;
      else if (answer.status >= 200 && answer.status < 300) ok++;
      else stop ??= `HTTP ${answer.status}${answer.code ? ` ${answer.code}` : ''} after ${ok} 2xx answers`;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(input.concurrency, input.count)) }, worker));
  } finally {
    agent.destroy();
  }
  return { ok, stoppedEarly: stop, durationMs: Date.now() - started };
}

function addItem(agent: Agent, input: CreateSessionsInput): Promise<Answer> {
  const body = JSON.stringify({ productId: input.productId, quantity: 1 });
  // A request may outlive the deadline by this much; its session, if any, is still counted from the node.
  const timeoutMs = Math.max(1_000, input.deadline - Date.now() + 2_000);
  return new Promise((resolve) => {
    const req = request({
      host: '127.0.0.1', port: input.port, agent, method: 'POST', path: '/api/cart/items', timeout: timeoutMs,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { if (text.length < 4096) text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, code: errorCode(text) }));
      res.on('error', (err) => resolve({ error: err.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ error: err.message }));
    req.end(body);
  });
}

function errorCode(text: string): string | undefined {
  try {
    const code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
