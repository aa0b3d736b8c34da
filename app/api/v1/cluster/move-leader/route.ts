import { moveLeaderBodySchema } from "@/lib/contract";
import { moveLeader } from "@/lib/etcd/maintenance/move-leader";
import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

/**
 * `POST /api/v1/cluster/move-leader` body `{to}` (hex member ID) → `{header, from, to, moved}`
 * (etcd Maintenance.MoveLeader, sent to the current leader). 400 naming `to` (malformed, or a
 * member etcd refuses, e.g. a learner); 404 `member_not_found`; 503 without a leader; 403
 * `read_only`; audited.
 */
export const POST = route(
  async (req) => {
    const body = await parseJsonBody(req, moveLeaderBodySchema);
    return moveLeader(body.to);
  },
  { write: true },
);
