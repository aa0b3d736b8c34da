/**
 * Values encrypted at rest by kube-apiserver start with `k8s:enc:<provider>:<version>:<name>:`
 * (aescbc, aesgcm, secretbox: v1 and the key's name; kms: v1 or v2 and the plugin's name).
 */
import type { DecodedEncrypted } from "@/lib/contract/kubernetes";

const PREFIX = /^k8s:enc:([a-z0-9]+):(v[0-9]+):([^:\s]{1,253}):/;

/** The encryption label of a value, or undefined when it has no `k8s:enc:` prefix. */
export function parseEncrypted(value: Uint8Array): DecodedEncrypted | undefined {
  if (value.length < 8 || value[0] !== 0x6b || value[3] !== 0x3a) return undefined;
  const head = Buffer.from(value.subarray(0, 300)).toString("latin1");
  const m = PREFIX.exec(head);
  if (!m) return undefined;
  return {
    format: "kubernetes-encrypted",
    provider: m[1],
    version: m[2],
    keyName: m[3],
    prefixLength: m[0].length,
  };
}
