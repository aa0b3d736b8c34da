import type { KvDto } from "@/lib/contract";
import type { InstanceActivity } from "./use-service-activity";

/** One registered (or recently vanished) instance: a key under the services prefix. */
export type Instance = {
  key: string;
  name: string;
  kv: KvDto | null;
  activity?: InstanceActivity;
};

/** Instances grouped by their parent folder (the key up to its last `/`), in key order. */
export type ServiceGroup = { service: string; instances: Instance[] };

/**
 * Group the keys under a prefix by parent folder, adding keys the watch saw vanish within
 * `recentMs` (as instances with `kv: null`). Binary keys are left out.
 */
export function groupInstances(
  kvs: KvDto[],
  activity: Map<string, InstanceActivity>,
  now: number,
  recentMs: number,
  prefix: string,
): ServiceGroup[] {
  const byKey = new Map<string, Instance>();
  for (const kv of kvs) {
    if (kv.keyEncoding !== "utf8") continue;
    byKey.set(kv.key, { key: kv.key, name: "", kv, activity: activity.get(kv.key) });
  }
  for (const [key, a] of activity) {
    const gone = a.vanishedAt !== undefined && now - a.vanishedAt < recentMs;
    if (gone && !byKey.has(key) && key.startsWith(prefix)) {
      byKey.set(key, { key, name: "", kv: null, activity: a });
    }
  }
  const groups = new Map<string, Instance[]>();
  for (const inst of [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    const cut = inst.key.lastIndexOf("/");
    const service = cut >= 0 ? inst.key.slice(0, cut + 1) : "";
    inst.name = inst.key.slice(cut + 1) || inst.key;
    const list = groups.get(service) ?? [];
    list.push(inst);
    groups.set(service, list);
  }
  return [...groups].map(([service, instances]) => ({ service, instances }));
}
