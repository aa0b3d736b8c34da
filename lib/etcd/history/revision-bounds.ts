import "server-only";
import { GatewayError, invalidField } from "@/lib/errors/gateway-error";
import { getEtcd } from "../client";
import { etcdToGatewayError } from "../etcd-errors";
import { compactRevision } from "./compact-revision";

/**
 * Details of a 410 `revision_compacted` for a past-revision read: the revision asked for, the
 * store's compaction revision (the oldest one still readable) and the current revision.
 */
export type CompactedDetails = {
  revision: string;
  compactRevision: string;
  currentRevision: string;
};

/**
 * Check that `revision` can be read now: 400 naming `field` when it is beyond the store's
 * current revision, 410 `revision_compacted` with {@link CompactedDetails} when it is below
 * the compaction. Costs one Range of `key` (for the current revision) plus, for a compacted
 * revision, the compaction search of {@link compactRevision}.
 * @returns the current store revision.
 */
export async function checkRevision(
  field: string,
  revision: bigint,
  key: Buffer,
): Promise<{ current: bigint; compact: bigint }> {
  const client = getEtcd().read;
  const probe = key.length ? key : Buffer.from([0]); // the empty key is not a key to etcd
  const head = await client.kv.range({ key: probe, keys_only: true, limit: "1" });
  const current = BigInt(head.header.revision);
  if (revision > current) {
    throw invalidField(field, `is a future revision (the store is at ${current})`);
  }
  const compact = await compactRevision(key, current, client);
  if (revision < compact) throw compactedError(revision, compact, current);
  return { current, compact };
}

/** The 410 for a read at `revision` below the compaction `compact`. */
export function compactedError(revision: bigint, compact: bigint, current: bigint): GatewayError {
  const details: CompactedDetails = {
    revision: revision.toString(),
    compactRevision: compact.toString(),
    currentRevision: current.toString(),
  };
  return new GatewayError(
    "revision_compacted",
    `revision ${revision} has been compacted: the oldest readable revision is ${compact} (now ${current})`,
    details,
  );
}

/**
 * Run `read` (a read at `revision`); when etcd refuses it as compacted, answer the 410 with
 * {@link CompactedDetails} instead of a bare one.
 */
export async function withCompactedDetails<T>(
  revision: string | undefined,
  key: Buffer,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (revision === undefined) throw err;
    if (etcdToGatewayError(err)?.code !== "revision_compacted") throw err;
    await checkRevision("revision", BigInt(revision), key); // throws the detailed 410
    throw err; // compacted a moment ago and readable now cannot happen; keep etcd's answer
  }
}
