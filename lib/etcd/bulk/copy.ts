import "server-only";
import type { IKeyValue } from "etcd3";
import type { CopyItem, CopyResponse, WriteMode } from "@/lib/contract";
import { encodeBytes } from "@/lib/format/bytes";
import { GatewayError, invalidField } from "@/lib/errors/gateway-error";
import { writeGuarded, type GuardedOp, type WriteUnit } from "./batch-writer";
import { assertRegistryKeysWritable } from "../registry-guard";
import { byteKey, readKeysAt, readPrefixPinned } from "./pinned-reader";
import { countBy, guardOfPlan, opOfPlan, planWrites } from "./plan";

/** Most source keys one copy reads (they are held in memory to plan and write). */
export const MAX_COPY_KEYS = 50_000;

/** One source → destination; `prefix`: `from` names every key under it (it ends in `/`). */
export type CopySpec = { from: Buffer; to: Buffer; field: string };

/** What {@link copyKeys} does. */
export type CopyRequest = {
  specs: CopySpec[];
  mode: WriteMode;
  move: boolean;
  keepLease: boolean;
  dryRun: boolean;
};

const isPrefix = (b: Buffer) => b.length > 0 && b[b.length - 1] === 0x2f;
const startsWith = (b: Buffer, p: Buffer) =>
  b.length >= p.length && b.subarray(0, p.length).equals(p);

/**
 * Copy, rename or move keys and prefixes. Every source is read at one pinned revision R (a
 * prefix in pages, single keys in Txns of ≤ 128 Ranges), every destination planned against R
 * (planWrites: create / update / unchanged / conflict by `mode`). A dry run (the preview)
 * answers that plan. Applying writes each key as one unit with writeGuarded: the destination's
 * put guarded by the plan (absent, or its mod_revision at R) and, for a move, the source's
 * delete guarded by its mod_revision at R, in the same Txn — so a key written by someone else
 * meanwhile (at either end) is a `conflict`, left untouched, and no key is ever both lost and
 * missing. Atomic when everything fits one Txn (≤ 128 ops, ~1 MiB), else in steps (`atomic:
 * false`, per-key outcomes). `keepLease` attaches the source's lease to the copy.
 * @throws GatewayError 400 naming the field when a prefix is copied into itself (or `from` is
 *   `to`) or two sources land on one key, 413 past {@link MAX_COPY_KEYS}, 403 (etcd denied;
 *   `registry_protected` for a destination — or a move's source — under /registry/, dry runs
 *   included, nothing written), 503/504.
 */
export async function copyKeys(req: CopyRequest): Promise<CopyResponse> {
  for (const s of req.specs) {
    if (s.from.equals(s.to)) throw invalidField(`${s.field}to`, "is the same as from");
    if (isPrefix(s.from) && (startsWith(s.to, s.from) || startsWith(s.from, s.to))) {
      throw invalidField(`${s.field}to`, "overlaps from (a prefix can't be copied into itself)");
    }
  }
  const revision = (await readKeysAt([], undefined, true)).revision;
  const pairs = await readSources(req.specs, revision);
  const seen = new Set<string>();
  for (const p of pairs) {
    if (seen.has(byteKey(p.to))) {
      throw invalidField(
        "to",
        `two sources would be written to ${JSON.stringify(p.to.toString())}`,
      );
    }
    seen.add(byteKey(p.to));
  }
  if (req.move && pairs.some((p) => p.src && seen.has(byteKey(p.from)))) {
    // A Txn may not put and delete one key (etcd: "duplicate key given in txn request").
    throw invalidField("to", "a destination is also a source of this move; move in two steps");
  }
  const present = pairs.filter((p) => p.src);
  // Refused before the plan, so a preview says so too (writeGuarded checks again).
  assertRegistryKeysWritable(
    present.flatMap((p) => [
      { key: p.to, field: "to" },
      ...(req.move ? [{ key: p.from, field: "from" }] : []),
    ]),
  );
  const { plans } = await planWrites(
    present.map((p) => ({ key: p.to, value: p.src!.value ?? Buffer.alloc(0) })),
    req.mode,
    revision,
  );
  if (req.keepLease) {
    plans.forEach((p, i) => {
      if (p.action === "unchanged" && String(p.current!.lease) !== String(present[i].src!.lease)) {
        p.action = "update";
      }
    });
  }
  const items: CopyItem[] = pairs.map((p) => {
    const from = encodeBytes(p.from);
    const to = encodeBytes(p.to);
    return {
      from: from.text,
      fromEncoding: from.encoding,
      to: to.text,
      toEncoding: to.encoding,
      action: "missing",
    };
  });
  const itemOf = pairs.flatMap((p, i) => (p.src ? [i] : []));
  plans.forEach((p, j) => {
    items[itemOf[j]].action = p.action;
    if (p.reason) items[itemOf[j]].reason = `destination ${p.reason}`;
  });
  const answer = { move: req.move, mode: req.mode, dryRun: req.dryRun, sourceRevision: revision };
  if (req.dryRun) {
    return { header: { revision }, ...answer, counts: countBy(items, (i) => i.action), items };
  }
  const units: WriteUnit[] = [];
  const unitOf = new Map<number, number>();
  plans.forEach((p, j) => {
    if (p.action === "conflict") return;
    const src = present[j].src!;
    const ops: GuardedOp[] = [];
    const lease = req.keepLease ? String(src.lease ?? "0") : "0";
    ops.push(opOfPlan(p, lease) ?? guardOfPlan(p));
    if (req.move) {
      ops.push({
        key: src.key,
        expect: { modRevision: String(src.mod_revision) },
        action: "delete",
      });
    }
    if (ops.every((op) => op.action === "none")) return; // an unchanged copy: nothing to do
    unitOf.set(j, units.length);
    units.push({ ops });
  });
  const done = await writeGuarded(units);
  plans.forEach((p, j) => {
    const item = items[itemOf[j]];
    const u = unitOf.get(j);
    const r =
      u === undefined ? (p.action === "conflict" ? "conflict" : "applied") : done.results[u];
    item.outcome =
      r === "applied"
        ? ({ create: "created", update: "updated", unchanged: "unchanged" } as const)[
            p.action as "create" | "update" | "unchanged"
          ]
        : r;
    if (r === "conflict" && u !== undefined) item.reason = "changed since it was read";
    if (req.move) item.sourceDeleted = r === "applied";
  });
  for (const item of items) if (item.action === "missing") item.outcome = "missing";
  const { results: _results, revision: written, ...summary } = done;
  return {
    header: { revision: written ?? revision },
    ...answer,
    ...summary,
    counts: countBy(items, (i) => i.outcome),
    items,
  };
}

type Pair = { from: Buffer; to: Buffer; src: IKeyValue | null };

/** Every source key at `revision` with its destination; a missing single key has `src` null. */
async function readSources(specs: CopySpec[], revision: string): Promise<Pair[]> {
  const pairs: Pair[] = [];
  const singles = specs.filter((s) => !isPrefix(s.from));
  const at = await readKeysAt(
    singles.map((s) => s.from),
    revision,
  );
  for (const s of specs) {
    if (!isPrefix(s.from)) {
      pairs.push({ from: s.from, to: s.to, src: at.kvs.get(byteKey(s.from)) ?? null });
      continue;
    }
    for await (const page of readPrefixPinned(s.from, revision)) {
      for (const kv of page) {
        pairs.push({
          from: kv.key,
          to: Buffer.concat([s.to, kv.key.subarray(s.from.length)]),
          src: kv,
        });
      }
      if (pairs.length > MAX_COPY_KEYS) {
        throw new GatewayError(
          "too_large",
          `more than ${MAX_COPY_KEYS} keys to copy; copy in parts`,
        );
      }
    }
  }
  return pairs;
}
