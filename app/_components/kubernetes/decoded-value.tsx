"use client";

import type { DecodedValue, KvDto } from "@/lib/contract";
import { EncryptedView } from "./encrypted-view";
import { KubernetesObjectView } from "./kubernetes-object-view";

/**
 * The gateway's Kubernetes reading of a value (`decoded` from `GET /api/v1/kv`): an object view
 * or the encrypted label. Shown instead of the raw value viewer.
 * @prop kv       the key as read
 * @prop decoded  what the gateway recognised
 */
export function DecodedValueView({ kv, decoded }: { kv: KvDto; decoded: DecodedValue }) {
  if (decoded.format === "kubernetes-encrypted")
    return <EncryptedView kv={kv} encrypted={decoded} />;
  return <KubernetesObjectView kv={kv} decoded={decoded} />;
}
