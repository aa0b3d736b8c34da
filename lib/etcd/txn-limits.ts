import "server-only";

/**
 * etcd's `--max-txn-ops` default: the most operations (compares excepted) one Txn may carry;
 * a larger Txn is refused with "too many operations in txn request". Every Txn the gateway
 * builds (tree probes, restore batches) stays within it.
 */
export const MAX_TXN_OPS = 128;
