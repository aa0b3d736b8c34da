/** Adds `decoded` to a key read (GET /api/v1/kv) when its value is a Kubernetes value. */
import type { GetKvResponse, KvDto } from "@/lib/contract";
import type { DecodedValue } from "@/lib/contract/kubernetes";
import { decodeBytes } from "@/lib/format/bytes";
import { decodeKubernetesValue } from "./decode-value";

/**
 * The Kubernetes reading of one key-value (see decodeKubernetesValue), from its DTO; undefined
 * when the value is not recognised. CPU only, no etcd request.
 */
export async function decodeKv(kv: KvDto): Promise<DecodedValue | undefined> {
  const value = decodeBytes(kv.value, kv.valueEncoding);
  const key = decodeBytes(kv.key, kv.keyEncoding);
  if (!value || !key) return undefined;
  return decodeKubernetesValue(value, { key });
}

/** `res` with `decoded` added when its value is recognised. */
export async function withDecoded(res: GetKvResponse): Promise<GetKvResponse> {
  const decoded = await decodeKv(res.kv);
  return decoded ? { ...res, decoded } : res;
}
