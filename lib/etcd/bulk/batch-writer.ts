import "server-only";
import type { ICompare, IRequestOp } from "etcd3";
import type { BulkWriteSummary } from "@/lib/contract";
import { etcdToGatewayError, writeOutcomeUnknown } from "../etcd-errors";
import { withAccess } from "../access";
import { getEtcd } from "../client";
import { assertRegistryKeysWritable } from "../registry-guard";
import { byteKey } from "./pinned-reader";
import { MAX_TXN_OPS, TXN_BYTE_BUDGET } from "./limits";

/**
 * One guarded operation: the key's state it expects (`absent`: create_revision 0, or its
 * `modRevision` as planned) and what it does when that holds (`put`, `delete`, or `none`: the
 * guard only, e.g. an unchanged destination of a move). `lease` is decimal ("0": none).
 */
export type GuardedOp = {
  key: Buffer;
  expect: { absent: true } | { modRevision: string };
  action: { put: Buffer; lease: string } | "delete" | "none";
};

/**
 * Operations that succeed or fail together (a move's put and delete): never split across Txns.
 * At most {@link MAX_TXN_OPS} ops.
 */
export type WriteUnit = { ops: GuardedOp[] };

/** Per unit: applied, lost a guard (`conflict`), or not written because etcd failed first. */
export type UnitResult = "applied" | "conflict" | "not_applied";

/** What {@link writeGuarded} did: per unit in input order, and the summary. */
export type GuardedWrite = {
  results: UnitResult[];
  /** The revision of the last Txn that wrote (null: none wrote). */
  revision: string | null;
} & BulkWriteSummary;

const unitBytes = (u: WriteUnit) =>
  u.ops.reduce(
    (n, op) => n + op.key.length + (typeof op.action === "object" ? op.action.put.length : 0),
    0,
  );

/**
 * Split units into Txn-sized chunks, in order: at most {@link MAX_TXN_OPS} compares (one per
 * op) and {@link TXN_BYTE_BUDGET} bytes of keys and values per chunk (a larger unit alone).
 */
export function chunkUnits(units: WriteUnit[]): number[][] {
  const chunks: number[][] = [];
  let current: number[] = [];
  let ops = 0;
  let bytes = 0;
  units.forEach((u, i) => {
    const b = unitBytes(u);
    if (current.length && (ops + u.ops.length > MAX_TXN_OPS || bytes + b > TXN_BYTE_BUDGET)) {
      chunks.push(current);
      current = [];
      ops = 0;
      bytes = 0;
    }
    current.push(i);
    ops += u.ops.length;
    bytes += b;
  });
  if (current.length) chunks.push(current);
  return chunks;
}

function compareOf(op: GuardedOp): ICompare {
  return "absent" in op.expect
    ? { key: op.key, target: "Create", result: "Equal", create_revision: "0" }
    : { key: op.key, target: "Mod", result: "Equal", mod_revision: op.expect.modRevision };
}

function requestOf(op: GuardedOp): IRequestOp | null {
  if (op.action === "none") return null;
  if (op.action === "delete") return { request_delete_range: { key: op.key } };
  return { request_put: { key: op.key, value: op.action.put, lease: op.action.lease } };
}

/**
 * Write `units` with guarded etcd Txns: each Txn compares every op's expected state and, when
 * all hold, applies every op; when one does not, its failure branch reads the keys (keys
 * only) at that same revision, the units whose guards failed are marked `conflict` and left
 * untouched, and the rest are sent again (each round drops at least one unit, so this ends).
 * Never a half-written Txn: a unit is wholly applied or not at all.
 *
 * `atomic` is true when every applied unit went in one Txn. When etcd fails part-way, the
 * units of earlier Txns stay applied, the rest are `not_applied` (`error` says why, and
 * whether the failed Txn may have been applied); when it fails before any Txn wrote, the
 * error is thrown instead.
 * Every bulk write goes through here, so here too every put or delete under /registry/ is
 * refused (403 `registry_protected`) before the first Txn, whatever route planned it.
 * @throws GatewayError 403 naming the first key (etcd denied it, or `registry_protected`),
 *   503/504 — only before anything was written.
 */
export async function writeGuarded(units: WriteUnit[]): Promise<GuardedWrite> {
  assertRegistryKeysWritable(
    units.flatMap((u) =>
      u.ops.filter((op) => op.action !== "none").map((op) => ({ key: op.key, field: "key" })),
    ),
  );
  const { write } = getEtcd();
  const results: UnitResult[] = units.map(() => "not_applied");
  const revisions: string[] = [];
  let error: BulkWriteSummary["error"];
  for (const chunk of chunkUnits(units)) {
    let live = chunk.filter((i) => units[i].ops.length > 0);
    for (const i of chunk) if (!units[i].ops.length) results[i] = "applied";
    try {
      while (live.length) {
        const ops = live.flatMap((i) => units[i].ops);
        const keys = [...new Map(ops.map((op) => [byteKey(op.key), op.key])).values()];
        const res = await withAccess({ key: ops[0].key }, "write", () =>
          write.kv.txn({
            compare: ops.map(compareOf),
            success: ops.map(requestOf).filter((r): r is IRequestOp => r !== null),
            failure: keys.map((key) => ({ request_range: { key, keys_only: true } })),
          }),
        );
        if (res.succeeded) {
          for (const i of live) results[i] = "applied";
          if (ops.some((op) => op.action !== "none")) revisions.push(res.header.revision);
          break;
        }
        const now = new Map<string, string>(); // key → mod_revision now ("0": absent)
        for (const r of res.responses) {
          const kv = r.response_range?.kvs[0];
          if (kv) now.set(byteKey(kv.key), String(kv.mod_revision));
        }
        const holds = (op: GuardedOp) => {
          const mod = now.get(byteKey(op.key));
          return "absent" in op.expect ? mod === undefined : mod === op.expect.modRevision;
        };
        const failed = live.filter((i) => !units[i].ops.every(holds));
        for (const i of failed) results[i] = "conflict";
        live = live.filter((i) => !failed.includes(i));
        if (!failed.length) throw new Error("txn failed but every guard holds in its read-back");
      }
    } catch (err) {
      if (!revisions.length) throw err;
      const mapped = etcdToGatewayError(err, true);
      error = {
        code: mapped?.code ?? "internal",
        message:
          (mapped?.message ?? "internal error") +
          (writeOutcomeUnknown(err) ? " (this step's keys may or may not have been written)" : ""),
      };
      break;
    }
  }
  const txns = revisions.length;
  const atomic = txns <= 1 && !error;
  return {
    results,
    revision: revisions[revisions.length - 1] ?? null,
    atomic,
    txns,
    statement: statementOf(txns, atomic, revisions),
    error,
  };
}

function statementOf(txns: number, atomic: boolean, revisions: string[]): string {
  if (txns === 0) return "nothing was written";
  if (atomic)
    return `atomic: every write was applied in one etcd transaction (revision ${revisions[0]})`;
  return (
    `not atomic: written in ${txns} etcd transactions (revisions ${revisions[0]}–` +
    `${revisions[revisions.length - 1]}, at most ${MAX_TXN_OPS} operations each); ` +
    "a reader in between could see part of the change — each key's outcome is listed"
  );
}
