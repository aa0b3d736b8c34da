import { LeaseCountdown } from "@/components/lease-countdown";
import type { KvDto } from "@/lib/contract";
import { useAsOfRevision } from "@/lib/query/time-travel/as-of";

/**
 * A key's etcd metadata: createRevision, modRevision, version (int64 strings), lease (hex or
 * "none"), the lease's live TTL countdown when it has one (not in a past view: the lease shown
 * is the one it had then), and the value's size in bytes.
 */
export function KeyMetadata({ kv }: { kv: KvDto }) {
  const past = useAsOfRevision() !== null;
  const rows: [string, string][] = [
    ["createRevision", kv.createRevision],
    ["modRevision", kv.modRevision],
    ["version", kv.version],
    ["lease", kv.lease ?? "none"],
    ["size", `${kv.valueSize.toLocaleString("en-US")} bytes`],
  ];
  return (
    <dl aria-label="Key metadata" className="flex flex-wrap gap-x-6 gap-y-1 text-xs">
      {rows.map(([name, value]) => (
        <div key={name} className="flex gap-1.5">
          <dt className="text-slate-500">{name}</dt>
          <dd className="font-mono text-slate-900" aria-label={name}>
            {value}
          </dd>
        </div>
      ))}
      {kv.lease && !past ? (
        <div className="flex gap-1.5">
          <dt className="text-slate-500">TTL</dt>
          <dd>
            <LeaseCountdown lease={kv.lease} watchKey={kv} />
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
