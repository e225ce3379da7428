// Errors of the cluster controller: a stable code callers match on, never the message text. None is an HTTP
// answer (status null). Every code here has a row in docs/errors.md (a test checks it).
import { defineErrors } from '@stateshift/errors';

export const CLUSTER_ERRORS = {
  CLUSTER_ERR_REDIS_MISSING: null,
  CLUSTER_ERR_REDIS_START: null,
  CLUSTER_ERR_REDIS_NOT_MANAGED: null,
  CLUSTER_ERR_CHILD_START: null,
  CLUSTER_ERR_PORT_IN_USE: null,
  CLUSTER_ERR_NOT_UP: null,
  CLUSTER_ERR_UNKNOWN_NODE: null,
  CLUSTER_ERR_NODE_STATE: null,
  CLUSTER_ERR_ADMIN: null,
  CLUSTER_ERR_OPTIONS: null,
  CLUSTER_ERR_CLOSED: null,
} as const;

const cluster = defineErrors('ClusterError', CLUSTER_ERRORS);

export type ClusterErrorCode = keyof typeof CLUSTER_ERRORS;
export const CLUSTER_ERROR_CODES = cluster.codes;
export const ClusterError = cluster.Error;
export type ClusterError = InstanceType<typeof ClusterError>;
