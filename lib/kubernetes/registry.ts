/**
 * Where Kubernetes keeps its objects in etcd: under kube-apiserver's `--etcd-prefix`, `/registry`
 * by default, as `/registry/<resource>/[<namespace>/]<name>` (core resources) or
 * `/registry/<group>/<resource>/…`.
 */

import type { Encoding } from "@/lib/contract";
import { decodeBytes } from "@/lib/format/bytes";

/** The key prefix of Kubernetes' objects. */
export const REGISTRY_PREFIX = "/registry/";
// Plain bytes (no Buffer), so the browser can use these helpers too.
const PREFIX_BYTES = new TextEncoder().encode(REGISTRY_PREFIX);

/** Whether `a` and `b` agree on their first `n` bytes (both at least `n` long). */
function samePrefix(a: Uint8Array, b: Uint8Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether a key lies under /registry/. */
export function isRegistryKey(key: Uint8Array): boolean {
  return key.length >= PREFIX_BYTES.length && samePrefix(key, PREFIX_BYTES, PREFIX_BYTES.length);
}

/**
 * Whether a key as the API returns it (text + encoding) lies under /registry/: the UI's test
 * for hiding writes the gateway refuses (403 `registry_protected`). A base64 key is decoded
 * first (a key that is not valid UTF-8 can still start with /registry/); bad base64 → false.
 */
export function isRegistryKeyText(key: string, keyEncoding: Encoding): boolean {
  if (keyEncoding === "utf8") return key.startsWith(REGISTRY_PREFIX);
  const bytes = decodeBytes(key, "base64");
  return bytes !== null && isRegistryKey(bytes);
}

/**
 * Whether the keys starting with `prefix` include any under /registry/: either the prefix is
 * inside /registry/, or /registry/ is inside the prefix (`/reg`, `/`, the empty prefix).
 */
export function prefixTouchesRegistry(prefix: Uint8Array): boolean {
  if (isRegistryKey(prefix)) return true;
  return prefix.length <= PREFIX_BYTES.length && samePrefix(prefix, PREFIX_BYTES, prefix.length);
}
