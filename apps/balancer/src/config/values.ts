// Accepted values of the enum flags, shared by the flag table and the config types.
export const STRATEGY_VALUES = ['round-robin', 'sticky', 'least-connections'] as const;
export const STICKY_MISS_VALUES = ['continue', 'reject', 'drop'] as const;
export const ENGINE_VALUES = ['http-proxy', 'native', 'raw'] as const;
export const AFFINITY_VALUES = ['signed', 'table'] as const;
