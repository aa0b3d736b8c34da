import "server-only";

/**
 * The end of the range holding every key that starts with `prefix` (etcd's prefix range_end):
 * the prefix with its last byte below 0xff incremented; `\0` (to the end) when there is none.
 */
export function prefixEnd(prefix: Buffer): Buffer {
  for (let i = prefix.length - 1; i >= 0; i--) {
    if (prefix[i] < 0xff) {
      const end = Buffer.from(prefix.subarray(0, i + 1));
      end[i]++;
      return end;
    }
  }
  return Buffer.from([0]);
}

/**
 * The prefix P when `[key, rangeEnd)` is exactly "every key under P" (etcd's `\0..\0`, the whole
 * keyspace, gives the empty prefix); null for any other range.
 */
export function rangeAsPrefix(key: Buffer, rangeEnd: Buffer): Buffer | null {
  const zero = Buffer.from([0]);
  if (key.equals(zero) && rangeEnd.equals(zero)) return Buffer.alloc(0);
  return prefixEnd(key).equals(rangeEnd) ? key : null;
}

/** The smallest key strictly greater than `key`. */
export function keyAfter(key: Buffer): Buffer {
  return Buffer.concat([key, Buffer.from([0])]);
}

/**
 * A lease ID from etcd (decimal int64 string) as etcdctl prints it: 16 lowercase hex digits,
 * zero-padded (`%016x`); null for no lease.
 */
export function leaseToHex(lease: string | number | undefined): string | null {
  if (lease === undefined || lease === "0" || lease === 0) return null;
  return BigInt(lease).toString(16).padStart(16, "0");
}

/** A hex lease ID (as the API takes it) as the decimal string etcd's int64 fields expect. */
export function leaseFromHex(hex: string): string {
  return BigInt(`0x${hex}`).toString(10);
}
