import "server-only";
import type { IKeyValue } from "etcd3";
import type { PlanAction, WriteMode } from "@/lib/contract";
import type { GuardedOp } from "./batch-writer";
import { byteKey, readKeysAt } from "./pinned-reader";

/** One planned write: what to do with `key` and the key as it was at the plan's revision. */
export type PlannedWrite = {
  key: Buffer;
  value: Buffer;
  action: PlanAction;
  current: IKeyValue | undefined;
  reason?: string;
};

/**
 * Plan putting `writes` (destination key → value) in `mode`, against the keys as they are at
 * `revision` (default: now; read with {@link readKeysAt}, values included):
 * absent → `create`; present in create-only mode → `conflict` ("already exists"); present with
 * the same value bytes → `unchanged` (not written: its lease stays); else → `update`.
 * @throws GatewayError 410 when `revision` was compacted, 400 when it is in the future, 403, 503.
 */
export async function planWrites(
  writes: { key: Buffer; value: Buffer }[],
  mode: WriteMode,
  revision?: string,
): Promise<{ revision: string; plans: PlannedWrite[] }> {
  const at = await readKeysAt(
    writes.map((w) => w.key),
    revision,
  );
  const plans = writes.map((w): PlannedWrite => {
    const current = at.kvs.get(byteKey(w.key));
    if (!current) return { ...w, action: "create", current };
    if (mode === "create-only") {
      return { ...w, action: "conflict", current, reason: "already exists" };
    }
    const same = Buffer.compare(current.value ?? Buffer.alloc(0), w.value) === 0;
    return { ...w, action: same ? "unchanged" : "update", current };
  });
  return { revision: at.revision, plans };
}

/**
 * The guarded op that carries out a `create`/`update` plan (null for `unchanged`/`conflict`):
 * a create expects the key absent, an update expects its planned mod_revision; `lease` decimal.
 */
export function opOfPlan(p: PlannedWrite, lease: string): GuardedOp | null {
  if (p.action === "create")
    return { key: p.key, expect: { absent: true }, action: { put: p.value, lease } };
  if (p.action === "update") {
    return {
      key: p.key,
      expect: { modRevision: String(p.current!.mod_revision) },
      action: { put: p.value, lease },
    };
  }
  return null;
}

/** The guard of a plan's destination as it was (for a move whose destination is unchanged). */
export function guardOfPlan(p: PlannedWrite): GuardedOp {
  return p.current
    ? { key: p.key, expect: { modRevision: String(p.current.mod_revision) }, action: "none" }
    : { key: p.key, expect: { absent: true }, action: "none" };
}

/** Count occurrences of each value of `field`. */
export function countBy<T>(
  items: T[],
  field: (t: T) => string | undefined,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = field(item);
    if (k !== undefined) counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}
