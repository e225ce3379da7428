// Serialises records into replicate bodies of at most ~1 MiB each (every record stringified once, whatever the
// number of peers), and sends them to one peer in order. What a peer answers about newer records is returned.
import type { PeerClient } from './peer-client.ts';
import type { ReplicaRecord } from './record.ts';

/** Well below the peer server's cap (MAX_PEER_BODY), so one large cart never makes a batch unsendable. */
const BATCH_BYTES = 1024 * 1024;

interface ReplicateAnswer {
  node: string;
  applied: number;
  newer: unknown[];
}

export function batchBodies(node: string, records: readonly ReplicaRecord[]): string[] {
  const bodies: string[] = [];
  let parts: string[] = [];
  let size = 0;
  const close = () => {
    if (parts.length > 0) bodies.push(`{"node":${JSON.stringify(node)},"records":[${parts.join(',')}]}`);
    parts = [];
    size = 0;
  };
  for (const r of records) {
    const part = JSON.stringify(r);
    if (size + part.length > BATCH_BYTES) close();
    parts.push(part);
    size += part.length + 1;
  }
  close();
  return bodies;
}

/** Sends every body to one peer, one after the other; resolves with the newer records it reported. */
export async function sendBodies(
  client: PeerClient, peerUrl: string, bodies: readonly string[], timeoutMs: number,
): Promise<unknown[]> {
  const newer: unknown[] = [];
  for (const body of bodies) {
    const answer = await client.postRaw<ReplicateAnswer>(peerUrl, '/peer/replicate', body, timeoutMs);
    if (Array.isArray(answer?.newer)) newer.push(...answer.newer);
  }
  return newer;
}
