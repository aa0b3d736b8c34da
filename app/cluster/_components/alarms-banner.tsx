import type { ClusterResponse } from "@/lib/contract";

/** What each alarm means for users and how operators clear it (etcd's maintenance guide). */
const HINTS: Record<string, string> = {
  NOSPACE:
    "the backend quota is full: etcd accepts only reads and deletes. Free space (compact, then " +
    "defragment each member), then `etcdctl alarm disarm`.",
  CORRUPT:
    "members disagree on the data: etcd refuses writes. Replace the corrupted member from a " +
    "healthy one's snapshot, then `etcdctl alarm disarm`.",
};

/**
 * Raised alarms (e.g. NOSPACE: etcd refuses writes until space is freed and the alarm disarmed),
 * shown as an alert; or a note when the alarm list could not be read. Renders nothing otherwise.
 * @param alarms  `GET /api/v1/cluster` alarms (member ID hex, alarm name)
 * @param error   `alarmsError` from the same response
 */
export function AlarmsBanner({
  alarms,
  error,
}: {
  alarms: ClusterResponse["alarms"];
  error?: string;
}) {
  if (alarms.length) {
    return (
      <div
        role="alert"
        className="mb-4 rounded border border-rose-300 bg-rose-50 p-3 text-rose-900"
      >
        <p className="font-semibold">
          {alarms.length === 1 ? "1 alarm raised" : `${alarms.length} alarms raised`}
        </p>
        <ul className="list-disc pl-5 text-sm">
          {alarms.map((a) => (
            <li key={`${a.memberId}-${a.alarm}`}>
              <strong>{a.alarm}</strong> on member <span className="font-mono">{a.memberId}</span>
              {HINTS[a.alarm] ? ` — ${HINTS[a.alarm]}` : null}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (error) return <p className="mb-4 text-sm text-amber-700">{error}</p>;
  return null;
}
