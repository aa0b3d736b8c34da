import "server-only";

/**
 * etcd's `--max-txn-ops` default: the most compares, success ops and failure ops (each) one Txn
 * may carry; a larger Txn is refused with "too many operations in txn request" (etcd 3.4
 * `ErrGRPCTooManyOps`). Every Txn the gateway builds (tree probes, lock listings, restore and
 * bulk batches) is chunked by this one constant.
 */
export const MAX_TXN_OPS = 128;
