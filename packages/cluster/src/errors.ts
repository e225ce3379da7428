// Errors of the cluster controller: a stable code callers match on, never the message text.
// Every code here has a row in docs/errors.md (a test checks it).
export const CLUSTER_ERROR_CODES = [
  'CLUSTER_ERR_REDIS_MISSING',
  'CLUSTER_ERR_REDIS_START',
  'CLUSTER_ERR_REDIS_NOT_MANAGED',
  'CLUSTER_ERR_CHILD_START',
  'CLUSTER_ERR_PORT_IN_USE',
  'CLUSTER_ERR_NOT_UP',
  'CLUSTER_ERR_UNKNOWN_NODE',
  'CLUSTER_ERR_NODE_STATE',
  'CLUSTER_ERR_ADMIN',
  'CLUSTER_ERR_OPTIONS',
  'CLUSTER_ERR_CLOSED',
] as const;

export type ClusterErrorCode = (typeof CLUSTER_ERROR_CODES)[number];

export class ClusterError extends Error {
  readonly code: ClusterErrorCode;
  constructor(code: ClusterErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ClusterError';
    this.code = code;
  }
}
