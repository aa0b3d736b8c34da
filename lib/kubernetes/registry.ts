/**
 * Where Kubernetes keeps its objects in etcd: under kube-apiserver's `--etcd-prefix`, `/registry`
 * by default, as `/registry/<resource>/[<namespace>/]<name>` (core resources) or
 * `/registry/<group>/<resource>/…`.
 */

/** The key prefix of Kubernetes' objects. */
export const REGISTRY_PREFIX = "/registry/";
const PREFIX_BYTES = Buffer.from(REGISTRY_PREFIX, "latin1");

/** Whether a key lies under /registry/. */
export function isRegistryKey(key: Uint8Array): boolean {
  return (
    key.length >= PREFIX_BYTES.length &&
    Buffer.from(key.buffer, key.byteOffset, PREFIX_BYTES.length).equals(PREFIX_BYTES)
  );
}

/**
 * Whether the keys starting with `prefix` include any under /registry/: either the prefix is
 * inside /registry/, or /registry/ is inside the prefix (`/reg`, `/`, the empty prefix).
 */
export function prefixTouchesRegistry(prefix: Uint8Array): boolean {
  if (isRegistryKey(prefix)) return true;
  return PREFIX_BYTES.subarray(0, prefix.length).equals(Buffer.from(prefix));
}
