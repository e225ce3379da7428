// The sealed route of --affinity signed: AES-256-GCM over { node key, issued-at }. The node key is opaque
// (HMAC of the node's upstream URL under the secret), so the cookie names no node, URL or port even to someone
// who could decrypt it, and any balancer with the same secret and the same node URLs reads it the same way.
// Keys are derived once per secret; never log a secret or a derived key.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const IV = 12;
const NODE_KEY = 8;
const PLAIN = NODE_KEY + 4;
const TAG = 16;
const SEALED = IV + PLAIN + TAG;
/** base64url of 40 bytes. */
const SEALED_LENGTH = Math.ceil((SEALED * 4) / 3);
const AAD = Buffer.from('stateshift affinity v1');
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface Opened {
  /** Hex of the node key; map it to a node with nodeKey(). */
  readonly nodeKey: string;
  /** Epoch seconds when it was sealed. */
  readonly issuedAt: number;
}

export class Sealer {
  readonly #keys: Buffer[];
  readonly #secrets: readonly string[];

  /** `secrets[0]` seals; every one of them opens (rotation). */
  constructor(secrets: readonly string[]) {
    if (secrets.length === 0) throw new Error('at least one affinity secret is needed');
    this.#secrets = secrets;
    this.#keys = secrets.map((s) => createHmac('sha256', s).update('stateshift affinity aes-256-gcm key').digest());
  }

  /** The opaque key of the node at `url` under secret number `which` (0 = the sealing one). */
  nodeKey(url: string, which = 0): string {
    return createHmac('sha256', this.#secrets[which] as string)
      .update(`node ${url}`)
      .digest()
      .toString('hex', 0, NODE_KEY);
  }

  get secretCount(): number {
    return this.#secrets.length;
  }

  seal(nodeKeyHex: string, issuedAtSec: number): string {
    const iv = randomBytes(IV);
    const plain = Buffer.allocUnsafe(PLAIN);
    plain.write(nodeKeyHex, 0, NODE_KEY, 'hex');
    plain.writeUInt32BE(issuedAtSec >>> 0, NODE_KEY);
    const cipher = createCipheriv('aes-256-gcm', this.#keys[0] as Buffer, iv, { authTagLength: TAG });
    cipher.setAAD(AAD);
    const body = cipher.update(plain);
    cipher.final();
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  /** 'malformed' when it cannot be a sealed value; 'forged' when no secret authenticates it (altered,
   *  truncated to a plausible length, or sealed under a secret we do not hold). */
  open(value: string): { opened: Opened; which: number } | 'malformed' | 'forged' {
    if (value.length !== SEALED_LENGTH || !BASE64URL.test(value)) return 'malformed';
    const raw = Buffer.from(value, 'base64url');
    if (raw.length !== SEALED) return 'malformed';
    const iv = raw.subarray(0, IV);
    const body = raw.subarray(IV, IV + PLAIN);
    const tag = raw.subarray(IV + PLAIN);
    for (let which = 0; which < this.#keys.length; which++) {
      const plain = decrypt(this.#keys[which] as Buffer, iv, body, tag);
      if (plain) {
        return {
          opened: { nodeKey: plain.toString('hex', 0, NODE_KEY), issuedAt: plain.readUInt32BE(NODE_KEY) },
          which,
        };
      }
    }
    return 'forged';
  }
}

function decrypt(key: Buffer, iv: Buffer, body: Buffer, tag: Buffer): Buffer | undefined {
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG });
  decipher.setAAD(AAD);
  decipher.setAuthTag(tag);
  const plain = decipher.update(body);
  try {
    decipher.final();
    return plain;
  } catch {
    return undefined;
  }
}
