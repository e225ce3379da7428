// Errors of the cluster controller: a stable code callers match on, never the message text.
export type ClusterErrorCode =
  | 'CLUSTER_ERR_REDIS_MISSING'
  | 'CLUSTER_ERR_REDIS_START'
  | 'CLUSTER_ERR_CHILD_START'
  | 'CLUSTER_ERR_UNKNOWN_NODE'
  | 'CLUSTER_ERR_ADMIN';

export class ClusterError extends Error {
  readonly code: ClusterErrorCode;
  constructor(code: ClusterErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ClusterError';
    this.code = code;
  }
}
