import "server-only";
import type { Etcd3, ICompare, IKeyValue, IRequestOp } from "etcd3";
import type { RestoreOutcome, RestoreResponse } from "@/lib/contract";
import { invalidField } from "@/lib/errors/gateway-error";
import { encodeBytes } from "@/lib/format/bytes";
import { getEtcd } from "../client";
import { assertRegistryKeysWritable } from "../registry-guard";
import { MAX_TXN_OPS } from "../txn-limits";
import { compactRevision } from "./compact-revision";

/**
 * Most key + value bytes one restore Txn carries: under etcd's 1.5 MiB `--max-request-bytes`
 * with room for the compares and framing. A single larger key-value goes alone (etcd stored it,
 * so it fits a request by itself).
 */
const TXN_MAX_BYTES = 1024 * 1024;
/** Rounds a batch is retried after losing its compares to concurrent writes. */
const MAX_ROUNDS = 5;

/** One key to restore: its value as it was at `revision`. */
export type RestoreItem = { key: Buffer; revision: bigint };

/** An item on its way: the value to write once read. */
type Job = { index: number; key: Buffer; kv?: IKeyValue };

/**
 * Write keys back as they were at given revisions (etcd Range at each revision, then Txns of
 * guarded puts, without a lease: the old lease is usually gone).
 * - `create-only` (default): a key that exists now is left alone (compare create_revision = 0),
 *   outcome `exists`;
 * - `overwrite`: each put is guarded by the key's mod_revision as read just before (0 when
 *   absent), so a key written meanwhile is re-read and retried, up to {@link MAX_ROUNDS} rounds,
 *   then reported `exists`.
 * Items whose revision is below the compaction are `compacted`; a key absent at its revision is
 * `not_found`. Writes go in Txns of at most MAX_TXN_OPS puts and ~1 MiB; `atomic` is true only
 * when one Txn wrote everything (more items are restored batch by batch: not all or nothing).
 * Costs: one Range per item (in Txns of MAX_TXN_OPS) to read the old values; in overwrite mode
 * one keys-only Range per item for the current mod revisions; one Txn per batch per round.
 * @throws GatewayError 400 naming `items.N.key` (given twice) or `items.N.revision` (future),
 *   403 when etcd denies a read or write (`registry_protected`, nothing written, when an item
 *   is under /registry/), 503/504 (a 504 on a write: that batch may be applied).
 */
export async function restoreKeys(
  items: RestoreItem[],
  mode: "create-only" | "overwrite",
): Promise<RestoreResponse> {
  // Kubernetes owns /registry/: the whole restore is refused before any read or write.
  assertRegistryKeysWritable(items.map((it, i) => ({ key: it.key, field: `items.${i}.key` })));
  const { read, write } = getEtcd();
  const seen = new Map<string, number>();
  items.forEach((it, i) => {
    const id = it.key.toString("hex");
    if (seen.has(id))
      throw invalidField(`items.${i}.key`, `is given twice (also items.${seen.get(id)})`);
    seen.set(id, i);
  });
  const head = await read.kv.range({ key: items[0].key, keys_only: true, limit: "1" });
  let revision = BigInt(head.header.revision);
  items.forEach((it, i) => {
    if (it.revision > revision) {
      throw invalidField(
        `items.${i}.revision`,
        `is a future revision (the store is at ${revision})`,
      );
    }
  });
  const compact = await compactRevision(items[0].key, revision, read);
  const outcomes: { outcome: RestoreOutcome; revision?: string }[] = items.map(() => ({
    outcome: "compacted",
  }));

  const jobs: Job[] = [];
  items.forEach((it, i) => it.revision >= compact && jobs.push({ index: i, key: it.key }));
  await readOldValues(read, jobs, items);
  const toWrite = jobs.filter((j) => {
    if (!j.kv) outcomes[j.index] = { outcome: "not_found" };
    return j.kv !== undefined;
  });

  const batches = batch(toWrite);
  for (const b of batches) {
    const done = await writeBatch(write, b, mode);
    for (const [index, rev] of done.restored)
      outcomes[index] = { outcome: "restored", revision: rev };
    for (const index of done.exists) outcomes[index] = { outcome: "exists" };
    if (done.revision > revision) revision = done.revision;
  }

  const atomic = batches.length <= 1;
  return {
    header: { revision: revision.toString() },
    mode,
    atomic,
    transactions: batches.length,
    maxTxnOps: MAX_TXN_OPS,
    ...(atomic
      ? {}
      : {
          note:
            `This restore took ${batches.length} transactions of at most ${MAX_TXN_OPS} keys: ` +
            "it is not atomic, each transaction was applied on its own.",
        }),
    results: items.map((it, i) => {
      const key = encodeBytes(it.key);
      return { key: key.text, keyEncoding: key.encoding, ...outcomes[i] };
    }),
  };
}

/** Read each job's key at its item's revision (Txns of up to MAX_TXN_OPS Ranges). */
async function readOldValues(client: Etcd3, jobs: Job[], items: RestoreItem[]): Promise<void> {
  for (let i = 0; i < jobs.length; i += MAX_TXN_OPS) {
    const chunk = jobs.slice(i, i + MAX_TXN_OPS);
    const res = await client.kv.txn({
      compare: [],
      success: chunk.map((j) => ({
        request_range: { key: j.key, revision: items[j.index].revision.toString() },
      })),
      failure: [],
    });
    chunk.forEach((j, k) => (j.kv = res.responses[k].response_range?.kvs[0]));
  }
}

/** Split jobs into write batches of at most MAX_TXN_OPS puts and TXN_MAX_BYTES bytes. */
function batch(jobs: Job[]): Job[][] {
  const out: Job[][] = [];
  let cur: Job[] = [];
  let bytes = 0;
  for (const j of jobs) {
    const size = j.key.length + (j.kv?.value?.length ?? 0);
    if (cur.length && (cur.length >= MAX_TXN_OPS || bytes + size > TXN_MAX_BYTES)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(j);
    bytes += size;
  }
  if (cur.length) out.push(cur);
  return out;
}

/**
 * Write one batch in one Txn: every compare holds → every put applied at once. A lost compare
 * fails the whole Txn, whose failure branch reads every key as it is now; create-only drops the
 * keys that exist and retries the rest, overwrite retries with the new mod revisions.
 */
async function writeBatch(
  client: Etcd3,
  jobs: Job[],
  mode: "create-only" | "overwrite",
): Promise<{ restored: [number, string][]; exists: number[]; revision: bigint }> {
  const exists: number[] = [];
  // The mod revision each key must still have; create-only: 0 (absent) for all.
  const expected = new Map<Job, string>(jobs.map((j) => [j, "0"]));
  if (mode === "overwrite") await readModRevisions(client, jobs, expected);
  let pending = jobs;
  let revision = 0n;
  for (let round = 0; round < MAX_ROUNDS && pending.length; round++) {
    const compare: ICompare[] = pending.map((j) =>
      mode === "create-only"
        ? { key: j.key, target: "Create", result: "Equal", create_revision: "0" }
        : { key: j.key, target: "Mod", result: "Equal", mod_revision: expected.get(j)! },
    );
    const success: IRequestOp[] = pending.map((j) => ({
      request_put: { key: j.key, value: j.kv!.value, lease: "0" },
    }));
    const failure: IRequestOp[] = pending.map((j) => ({
      request_range: { key: j.key, keys_only: true },
    }));
    const res = await client.kv.txn({ compare, success, failure });
    revision = BigInt(res.header.revision);
    if (res.succeeded) {
      return {
        restored: pending.map((j) => [j.index, res.header.revision]),
        exists,
        revision,
      };
    }
    const next: Job[] = [];
    pending.forEach((j, i) => {
      const now = res.responses[i].response_range?.kvs[0];
      if (mode === "create-only") {
        if (now) exists.push(j.index);
        else next.push(j);
      } else {
        expected.set(j, now?.mod_revision ?? "0");
        next.push(j);
      }
    });
    pending = next;
  }
  exists.push(...pending.map((j) => j.index)); // kept changing under every round
  return { restored: [], exists, revision };
}

/** The current mod revision of each job's key ("0" when absent), in Txns of keys-only Ranges. */
async function readModRevisions(client: Etcd3, jobs: Job[], into: Map<Job, string>) {
  for (let i = 0; i < jobs.length; i += MAX_TXN_OPS) {
    const chunk = jobs.slice(i, i + MAX_TXN_OPS);
    const res = await client.kv.txn({
      compare: [],
      success: chunk.map((j) => ({ request_range: { key: j.key, keys_only: true } })),
      failure: [],
    });
    chunk.forEach((j, k) =>
      into.set(j, res.responses[k].response_range?.kvs[0]?.mod_revision ?? "0"),
    );
  }
}
