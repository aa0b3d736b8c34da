import "server-only";

/** Every bulk write is chunked by etcd's `--max-txn-ops` (see txn-limits.ts). */
export { MAX_TXN_OPS } from "../txn-limits";

/**
 * Most key + value bytes one bulk Txn carries: below etcd's default `--max-request-bytes`
 * (1.5 MiB) with room for the compares and framing. A single larger key-value goes alone.
 */
export const TXN_BYTE_BUDGET = 1024 * 1024;

/**
 * Keys per Range while streaming a prefix (the 16 MiB page byte budget also applies). Measured
 * (bench/bulk): 1,000-key pages export faster than 10,000-key ones (less garbage per page) and
 * keep the gateway's memory near one page of about 1 MiB of values.
 */
export const EXPORT_PAGE_KEYS = 1_000;

/** Keys the first Range of a streamed prefix asks for, before any value size is known. */
export const FIRST_PAGE_KEYS = 16;

/** Key + value bytes a streamed page aims at (at the largest size seen so far). */
export const EXPORT_PAGE_BYTES = 16 * 1024 * 1024;
