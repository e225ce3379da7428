// What /healthz reads of a session store that lives in the node's memory: how many sessions it holds and its cap.
// A store in Redis does not implement it (its sessions cost the node nothing; /healthz says null).
import type { Store } from 'express-session';

export interface SessionCounter {
  /** Live sessions this node holds. */
  sessionCount(): number;
  /** null: no cap. */
  readonly maxSessions: number | null;
}

export function isSessionCounter(store: Store): store is Store & SessionCounter {
  return typeof (store as Partial<SessionCounter>).sessionCount === 'function';
}
