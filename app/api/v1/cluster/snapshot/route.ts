import { snapshotQuerySchema } from "@/lib/contract";
import { snapshotStream } from "@/lib/etcd/maintenance/snapshot";
import { parseQuery } from "@/lib/http/parse";
import { HEAVY_READ, route } from "@/lib/http/route";

/**
 * `GET /api/v1/cluster/snapshot[?memberId=HEX]` → the member's backend as a file
 * (`application/octet-stream`, `Content-Disposition: attachment`), streamed from etcd
 * Maintenance.Snapshot on that member (default: the leader) and never held whole in the
 * gateway; `etcdctl snapshot status` reads it. It reveals every key, so besides the token it
 * must be same-origin (403 `forbidden_origin` for a cross-site request). 404
 * `member_not_found`; 400 naming `memberId`.
 */
export const GET = route(async (req) => {
  const q = parseQuery(req, snapshotQuerySchema);
  const snap = await snapshotStream(q.memberId);
  const file = `etcd-snapshot-${snap.member.name || snap.member.id}-rev${snap.revision}.db`;
  return new Response(snap.body, {
    headers: {
      "content-type": "application/octet-stream",
      "content-disposition": `attachment; filename="${file.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "no-store",
      "x-etcd-member": snap.member.id,
      "x-etcd-revision": snap.revision,
    },
  });
}, HEAVY_READ);

/**
 * `HEAD`: GET's policy and input checks (400 naming `memberId`) and the content type, without
 * opening a snapshot: Next would otherwise answer HEAD by calling GET, and etcd would stream a
 * whole backend nobody reads.
 */
export const HEAD = route(async (req) => {
  parseQuery(req, snapshotQuerySchema);
  return new Response(null, { headers: { "content-type": "application/octet-stream" } });
}, HEAVY_READ);
