import "server-only";
import { EtcdPermissionDeniedError } from "etcd3";
import { GatewayError } from "@/lib/errors/gateway-error";
import { encodeBytes } from "@/lib/format/bytes";
import { rangeAsPrefix } from "./bytes";
import { getEtcd } from "./client";

/**
 * What a request touched, for a permission-denied message: one key, every key under a prefix
 * (the empty prefix: the whole keyspace), or `[key, rangeEnd)`.
 */
export type Target = { key: Buffer } | { prefix: Buffer } | { key: Buffer; rangeEnd: Buffer };

/** `read` for Range/Watch, `write` for Put/DeleteRange (and Txns that write). */
export type Access = "read" | "write";

/** `details` of a 403 `etcd_permission_denied`. */
export type DeniedDetails = {
  /** The key or prefix in `keyEncoding` (a range's start key for a range). */
  key: string;
  keyEncoding: "utf8" | "base64";
  /** Whether `key` is a prefix (every key under it) rather than one key. */
  prefix: boolean;
  access: Access;
  /** The etcd user the gateway connects as (null without auth). */
  user: string | null;
};

/**
 * The 403 `etcd_permission_denied` for `target`, naming the etcd user (from the configuration),
 * whether it was a read or a write, and the key, e.g.
 * `etcd user "alice" may not read "/other/b"`.
 */
export function permissionDenied(target: Target, access: Access): GatewayError {
  const t = normalize(target);
  const user = getEtcd().config.auth?.username ?? null;
  const who = user === null ? "the etcd connection" : `etcd user ${JSON.stringify(user)}`;
  const shown = encodeBytes("prefix" in t ? t.prefix : t.key);
  const details: DeniedDetails = {
    key: shown.text,
    keyEncoding: shown.encoding,
    prefix: "prefix" in t,
    access,
    user,
  };
  return new GatewayError(
    "etcd_permission_denied",
    // Puts read the key back and deletes ask for prev_kv, so a write-only role is refused too.
    access === "write"
      ? `${who} may not write ${describe(t)} (writes need read and write permission there)`
      : `${who} may not read ${describe(t)}`,
    details,
  );
}

/**
 * Run `fn` (one etcd call touching `target`) and turn etcd's "permission denied" into
 * {@link permissionDenied}; every other error passes through unchanged.
 */
export async function withAccess<T>(
  target: Target,
  access: Access,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof EtcdPermissionDeniedError) throw permissionDenied(target, access);
    throw err;
  }
}

/** A `[key, rangeEnd)` that is "every key under P" becomes `{prefix: P}` (`\0..\0`: all). */
function normalize(target: Target): Target {
  if (!("rangeEnd" in target)) return target;
  const prefix = rangeAsPrefix(target.key, target.rangeEnd);
  return prefix ? { prefix } : target;
}

function describe(t: Target): string {
  if ("prefix" in t) {
    return t.prefix.length === 0 ? "the whole keyspace" : `keys under ${quote(t.prefix)}`;
  }
  if ("rangeEnd" in t) return `the range [${quote(t.key)}, ${quote(t.rangeEnd)})`;
  return quote(t.key);
}

function quote(bytes: Buffer): string {
  const e = encodeBytes(bytes);
  return e.encoding === "utf8" ? JSON.stringify(e.text) : `base64:${e.text}`;
}
