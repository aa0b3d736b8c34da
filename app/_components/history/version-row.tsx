import { versionKv, type HistoryVersion } from "@/lib/query/time-travel/types";

/**
 * One row of the History tab's table: a tick box to compare it, revision, put/delete, version,
 * size in bytes, lease (hex, as etcdctl prints it) and "Restore this version" for a put that is
 * not the current value. A delete has no value, so only its revision.
 * @prop version    the version (a put carries the key's kv as of its revision)
 * @prop isCurrent  this is the value shown in the key pane (now, or at the past view's
 *                  revision): marked "current", no restore
 * @prop picked     ticked for the diff
 * @prop onPick     tick or untick it
 * @prop onRestore  open the restore dialog; absent in read-only views
 */
export function VersionRow({
  version,
  isCurrent,
  picked,
  onPick,
  onRestore,
}: {
  version: HistoryVersion;
  isCurrent: boolean;
  picked: boolean;
  onPick: () => void;
  onRestore?: () => void;
}) {
  const kv = versionKv(version);
  const del = version.type === "delete";
  return (
    <tr aria-label={`Revision ${version.revision}`} className="border-t border-slate-100">
      <td className="px-2 py-1">
        <input
          type="checkbox"
          aria-label={`Compare revision ${version.revision}`}
          checked={picked}
          onChange={onPick}
        />
      </td>
      <td className="px-2 py-1 font-mono">{version.revision}</td>
      <td className={`px-2 py-1 ${del ? "text-rose-700" : "text-emerald-700"}`}>
        {version.type}
        {isCurrent ? (
          <span className="ml-1 rounded bg-sky-100 px-1 text-[10px] text-sky-900">current</span>
        ) : null}
      </td>
      <td className="px-2 py-1 font-mono">{kv?.version ?? "—"}</td>
      <td className="px-2 py-1">{kv ? `${kv.valueSize.toLocaleString("en-US")} B` : "—"}</td>
      <td className="px-2 py-1 font-mono">{kv ? (kv.lease ?? "none") : "—"}</td>
      <td className="px-2 py-1 text-right">
        {onRestore && kv && !isCurrent ? (
          <button
            type="button"
            onClick={onRestore}
            className="rounded px-1.5 py-0.5 text-sky-800 underline hover:bg-sky-50"
          >
            Restore this version
          </button>
        ) : null}
      </td>
    </tr>
  );
}
