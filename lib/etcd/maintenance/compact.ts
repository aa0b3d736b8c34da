import "server-only";
import type { CompactResponse } from "@/lib/contract";
import { getEtcd } from "../client";

/** Deadline for a compaction, in ms: a physical one waits for the backend to drop the history. */
export const COMPACT_DEADLINE_MS = 60_000;

/**
 * Compact the keyspace history below `revision` (KV.Compact on the write client): reads and
 * watches of older revisions then fail with 410. `physical` waits until the backend has removed
 * the old revisions.
 * @throws GatewayError 400 naming `revision` for a future revision, 410 `revision_compacted`
 *   when it is at or below the last compaction, 503/504.
 */
export async function compact(revision: string, physical: boolean): Promise<CompactResponse> {
  const res = await getEtcd().write.kv.compact(
    { revision, physical },
    { deadline: new Date(Date.now() + COMPACT_DEADLINE_MS) },
  );
  return { header: { revision: res.header.revision }, revision, physical };
}
