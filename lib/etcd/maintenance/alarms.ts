import "server-only";
import type { DisarmResponse } from "@/lib/contract";
import { getEtcd } from "../client";
import { hexId } from "../cluster";

/** etcd's alarm names → etcd3's enum spelling (it names them "Nospace"/"Corrupt"). */
const ETCD3_ALARM = { NOSPACE: "Nospace", CORRUPT: "Corrupt" } as const;

/**
 * Disarm the raised alarms matching `memberId` (hex) and `alarm` (absent: any): Maintenance.Alarm
 * GET on the read client, then one DEACTIVATE per match on the write client (both go through
 * raft: they need a leader). Disarming NOSPACE while the backend is still over its quota lets
 * etcd raise it again on the next write: free space first (compact, defragment).
 * @returns the alarms disarmed (empty when none matched)
 * @throws GatewayError 503 without a leader, 504.
 */
export async function disarmAlarms(filter: {
  memberId?: string;
  alarm?: keyof typeof ETCD3_ALARM;
}): Promise<DisarmResponse> {
  const { read, write } = getEtcd();
  const raised = await read.maintenance.alarm({ action: "Get", memberID: 0, alarm: "None" });
  const matches = raised.alarms.filter(
    (a) =>
      (filter.memberId === undefined || BigInt(a.memberID) === BigInt(`0x${filter.memberId}`)) &&
      (filter.alarm === undefined || String(a.alarm) === ETCD3_ALARM[filter.alarm]),
  );
  let revision = raised.header?.revision ?? "0";
  for (const a of matches) {
    const res = await write.maintenance.alarm({
      action: "Deactivate",
      memberID: a.memberID,
      alarm: a.alarm,
    });
    revision = res.header?.revision ?? revision;
  }
  return {
    header: { revision },
    disarmed: matches.map((a) => ({
      memberId: hexId(a.memberID),
      alarm: String(a.alarm).toUpperCase(),
    })),
  };
}
