import "server-only";
import { GatewayError } from "@/lib/errors/gateway-error";
import { decodeBytes, encodeBytes } from "@/lib/format/bytes";
import { isRegistryKey, prefixTouchesRegistry, REGISTRY_PREFIX } from "@/lib/kubernetes/registry";
import { getLease } from "./leases";

/**
 * Writes under /registry/ bypass the Kubernetes API server: no admission, no validation, and
 * its watch caches are not told in order. They are refused unless the operator started the
 * gateway with `ETCD_EXPLORER_ALLOW_REGISTRY_WRITES=1` (read from the environment on each call).
 */
export function registryWritesAllowed(env: Record<string, string | undefined> = process.env) {
  const v = env.ETCD_EXPLORER_ALLOW_REGISTRY_WRITES;
  return v === "1" || v?.toLowerCase() === "true";
}

const WHY =
  "writing etcd directly bypasses the Kubernetes API server (admission, validation, its watch caches); " +
  "use kubectl, or start the gateway with ETCD_EXPLORER_ALLOW_REGISTRY_WRITES=1";

function refuse(what: string, details: Record<string, unknown>): GatewayError {
  return new GatewayError(
    "registry_protected",
    `${what} under ${REGISTRY_PREFIX}: ${WHY}`,
    details,
  );
}

/**
 * Throws 403 `registry_protected` for a put or delete of a key under /registry/ (no etcd call).
 * @param field  the request field naming the key, for `details.field`
 */
export function assertRegistryKeyWritable(key: Uint8Array, field = "key"): void {
  if (!registryWritesAllowed() && isRegistryKey(key))
    throw refuse("the key is", { field, prefix: REGISTRY_PREFIX });
}

/**
 * Throws 403 `registry_protected` when any of `keys` (the destinations of a bulk write, or the
 * sources a move deletes) lies under /registry/, naming the first one — before anything is
 * written, so the whole request is refused (no etcd call).
 * @param keys   each key with the request field it came from, for `details.field`
 */
export function assertRegistryKeysWritable(keys: Iterable<{ key: Uint8Array; field: string }>) {
  if (registryWritesAllowed()) return;
  for (const { key, field } of keys) {
    if (isRegistryKey(key)) {
      const k = encodeBytes(Buffer.from(key));
      throw refuse("a key is", {
        field,
        key: k.text,
        keyEncoding: k.encoding,
        prefix: REGISTRY_PREFIX,
      });
    }
  }
}

/** Throws 403 `registry_protected` for a delete by prefix that reaches keys under /registry/. */
export function assertRegistryPrefixWritable(prefix: Uint8Array): void {
  if (!registryWritesAllowed() && prefixTouchesRegistry(prefix))
    throw refuse("the prefix reaches keys", { field: "prefix", prefix: REGISTRY_PREFIX });
}

/**
 * Throws 403 `registry_protected` when revoking lease `id` (hex) would delete keys under
 * /registry/ (kube-apiserver attaches leases to Events and its endpoint leases). One
 * LeaseTimeToLive with keys; a key attached after it is not seen (revoke is not a Txn).
 * @throws GatewayError 404 `lease_not_found` as getLease does.
 */
export async function assertLeaseRevocable(id: string): Promise<void> {
  if (registryWritesAllowed()) return;
  const { lease } = await getLease(id);
  const hit = lease.keys.find((k) => {
    const key = decodeBytes(k.key, k.keyEncoding);
    return key && isRegistryKey(key);
  });
  if (hit)
    throw refuse("the lease has keys", { field: "id", key: hit.key, keyEncoding: hit.keyEncoding });
}
