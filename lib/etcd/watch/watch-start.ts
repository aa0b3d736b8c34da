import "server-only";
import { EtcdPermissionDeniedError } from "etcd3";
import { GatewayError } from "@/lib/errors/gateway-error";
import { getEtcd } from "../client";
import type { WatchRange } from "./watch-stream";

const holder = globalThis as unknown as { __etcdExplorerSeenRevision?: bigint };

/**
 * Remember that etcd's store has reached `revision` (any response header the gateway saw):
 * a watch start at or below it + 1 needs no look-up.
 */
export function noteStoreRevision(revision: bigint): void {
  if (revision > (holder.__etcdExplorerSeenRevision ?? 0n)) {
    holder.__etcdExplorerSeenRevision = revision;
  }
}

/**
 * Refuse a watch that would start in the future. A watch from `start` where `start` is beyond
 * the store's current revision + 1 would wait, silently, for revisions that may never come; a
 * feed positioned there must not exist (later "from now" watchers of the range could join it).
 * Starts up to the highest revision already seen + 1 pass at once; beyond that etcd is asked
 * for its current revision with a linearizable Range (count_only) of the range's first key —
 * one key, so it costs no scan, and readable wherever the watch is. If etcd denies that read,
 * the check is skipped: the watch itself will be refused (403) for the same reason.
 * @param field `fromRevision` or `Last-Event-ID`, named in the error; `shown` its value.
 * @throws GatewayError 400 `invalid_request` with `details: {field, currentRevision}`;
 *   etcd3's errors when etcd can't be reached (the route maps them, e.g. to 503).
 */
export async function refuseFutureStart(
  start: bigint,
  range: WatchRange,
  field: string,
  shown: string,
): Promise<void> {
  if (start <= (holder.__etcdExplorerSeenRevision ?? 0n) + 1n) return;
  let current: bigint;
  try {
    const res = await getEtcd().read.kv.range({ key: range.key, count_only: true });
    current = BigInt(res.header.revision);
  } catch (err) {
    if (err instanceof EtcdPermissionDeniedError) return;
    throw err;
  }
  noteStoreRevision(current);
  if (start <= current + 1n) return;
  throw new GatewayError(
    "invalid_request",
    `${field}: ${shown} is in the future (etcd's current revision is ${current})`,
    { field, currentRevision: String(current) },
  );
}
