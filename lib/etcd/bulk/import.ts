import "server-only";
import type { ImportItem, ImportResponse, WriteMode, WriteOutcome } from "@/lib/contract";
import { encodeBytes } from "@/lib/format/bytes";
import { invalidField } from "@/lib/errors/gateway-error";
import { getEtcd } from "../client";
import { assertRegistryKeysWritable } from "../registry-guard";
import { writeGuarded, type WriteUnit } from "./batch-writer";
import type { ParsedImport } from "./import-formats";
import { countBy, opOfPlan, planWrites } from "./plan";

/** What {@link importKeys} does with a parsed file. */
export type ImportRequest = {
  file: ParsedImport;
  mode: WriteMode;
  dryRun: boolean;
  /** Replace the file's base prefix (empty for formats without one) with this one. */
  prefix?: Buffer;
  planRevision?: string;
  leases: boolean;
};

const OUTCOME: Record<string, WriteOutcome> = { create: "created", update: "updated" };

/**
 * Import a parsed file. First the plan, against `planRevision` or the current revision (one
 * pinned read of every destination key: Txns of ≤ 128 Ranges). A dry run answers it. Applying
 * writes the `create`/`update` keys with {@link writeGuarded} — each put guarded by the plan
 * (create_revision 0, or the planned mod_revision), ≤ 128 per Txn — so a key changed since the
 * plan revision is reported `conflict` and left as it is. Keys get no lease unless `leases`:
 * then one LeaseGrant per original lease (with its exported TTL), attached to its keys; a
 * granted lease no key ended up on is revoked.
 * @throws GatewayError 400 naming `prefix` when a key is not under the file's base prefix, 410
 *   for a compacted `planRevision`, 403 (etcd denied; `registry_protected` when a key would land
 *   under /registry/), 503/504 (before anything was written).
 */
export async function importKeys(req: ImportRequest): Promise<ImportResponse> {
  const { file } = req;
  const base = file.basePrefix ?? Buffer.alloc(0);
  const writes = file.entries.map((e) => {
    if (!req.prefix) return { key: e.key, value: e.value };
    if (!e.key.subarray(0, base.length).equals(base)) {
      throw invalidField("prefix", "cannot re-root a key that is not under the file's prefix");
    }
    return { key: Buffer.concat([req.prefix, e.key.subarray(base.length)]), value: e.value };
  });
  // A key under /registry/ (as in the file, or re-rooted there by `prefix`) refuses the whole
  // import, dry runs included; writeGuarded checks again.
  assertRegistryKeysWritable(
    writes.map((w) => ({ key: w.key, field: req.prefix ? "prefix" : "key" })),
  );
  const { revision, plans } = await planWrites(writes, req.mode, req.planRevision);
  const items: ImportItem[] = plans.map((p) => {
    const k = encodeBytes(p.key);
    return {
      key: k.text,
      keyEncoding: k.encoding,
      action: p.action,
      modRevision: p.current ? String(p.current.mod_revision) : null,
      ...(p.reason ? { reason: p.reason } : {}),
    };
  });
  const answer = {
    format: file.format,
    mode: req.mode,
    dryRun: req.dryRun,
    planRevision: revision,
  };
  if (req.dryRun) {
    return { header: { revision }, ...answer, counts: countBy(items, (i) => i.action), items };
  }
  const leases = req.leases
    ? await grantLeases(
        file,
        plans.map((p) => p.action),
      )
    : new Map<string, string>();
  const unitOf: number[] = [];
  const units: WriteUnit[] = [];
  plans.forEach((p, i) => {
    const original = file.entries[i].lease;
    const op = opOfPlan(p, (original && leases.get(original)) || "0");
    if (!op) return;
    unitOf[i] = units.length;
    units.push({ ops: [op] });
  });
  const done = await writeGuarded(units);
  const used = new Set<string>();
  items.forEach((item, i) => {
    if (unitOf[i] === undefined) {
      item.outcome = item.action === "unchanged" ? "unchanged" : "conflict";
      return;
    }
    const r = done.results[unitOf[i]];
    item.outcome = r === "applied" ? OUTCOME[item.action] : r;
    if (r === "conflict") item.reason = "changed since the plan revision";
    const original = file.entries[i].lease;
    if (r !== "conflict" && original && leases.has(original)) used.add(original);
  });
  await revokeUnused(leases, used);
  const { results: _results, revision: written, ...summary } = done;
  return {
    header: { revision: written ?? revision },
    ...answer,
    ...summary,
    counts: countBy(items, (i) => i.outcome),
    items,
  };
}

/** One LeaseGrant per original lease (hex) whose keys are written, with its exported TTL. */
async function grantLeases(file: ParsedImport, actions: string[]): Promise<Map<string, string>> {
  const ttls = new Map<string, number>();
  file.entries.forEach((e, i) => {
    if (e.lease && e.ttl && e.ttl > 0 && (actions[i] === "create" || actions[i] === "update")) {
      ttls.set(e.lease, e.ttl);
    }
  });
  const granted = new Map<string, string>();
  for (const [original, ttl] of ttls) {
    const res = await getEtcd().write.leaseClient.leaseGrant({ TTL: ttl });
    granted.set(original, res.ID);
  }
  return granted;
}

async function revokeUnused(granted: Map<string, string>, used: Set<string>): Promise<void> {
  for (const [original, id] of granted) {
    if (!used.has(original)) {
      await getEtcd()
        .write.leaseClient.leaseRevoke({ ID: id })
        .catch(() => undefined);
    }
  }
}
