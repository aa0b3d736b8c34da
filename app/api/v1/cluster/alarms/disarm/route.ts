import { disarmBodySchema } from "@/lib/contract";
import { disarmAlarms } from "@/lib/etcd/maintenance/alarms";
import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

/**
 * `POST /api/v1/cluster/alarms/disarm` body `{memberId?, alarm?}` (hex member ID; `NOSPACE` or
 * `CORRUPT`; absent: any) → `{header, disarmed: [{memberId, alarm}]}` (etcd Maintenance.Alarm GET,
 * then DEACTIVATE per match; needs a leader). 400 naming the field; 403 `read_only`; audited.
 */
export const POST = route(async (req) => disarmAlarms(await parseJsonBody(req, disarmBodySchema)), {
  write: true,
});
