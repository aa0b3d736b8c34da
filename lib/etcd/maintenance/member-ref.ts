import "server-only";
import type { IMemberListResponse } from "etcd3";
import { GatewayError } from "@/lib/errors/gateway-error";
import { getEtcd } from "../client";
import { hexId } from "../cluster";
import { MEMBER_DEADLINE_MS, memberClient } from "../members";

/** A member as maintenance calls need it: IDs in hex (API) and decimal (etcd), its client URL. */
export type MemberRef = { id: string; decimalId: string; name: string; clientUrl: string | null };

/**
 * The members (Cluster.MemberList on the shared read client; when that fails, e.g. without a
 * leader, on each configured endpoint's own client in turn).
 * @throws the first MemberList error (→ 503) when no member answers.
 */
export async function listMemberRefs(): Promise<MemberRef[]> {
  const { read, config } = getEtcd();
  let list: IMemberListResponse;
  try {
    list = await read.cluster.memberList({});
  } catch (first) {
    let found: IMemberListResponse | null = null;
    for (const url of config.endpoints) {
      found = await memberClient(url, config)
        .cluster.memberList({})
        .catch(() => null);
      if (found) break;
    }
    if (!found) throw first;
    list = found;
  }
  return list.members.map((m) => ({
    id: hexId(m.ID),
    decimalId: m.ID,
    name: m.name,
    clientUrl: m.clientURLs[0] ?? null,
  }));
}

/**
 * The member with hex ID `id` (leading zeros ignored) and a client URL.
 * @throws GatewayError 404 `member_not_found`; 503 `etcd_unavailable` for a member that has not
 *   started (no client URL yet).
 */
export async function findMember(
  id: string,
  members?: MemberRef[],
): Promise<MemberRef & { clientUrl: string }> {
  const want = BigInt(`0x${id}`);
  const m = (members ?? (await listMemberRefs())).find((x) => BigInt(x.decimalId) === want);
  if (!m) throw new GatewayError("member_not_found", `no member with ID ${id}`, { id });
  if (!m.clientUrl) {
    throw new GatewayError("etcd_unavailable", `member ${m.id} has not started (no client URL)`);
  }
  return { ...m, clientUrl: m.clientUrl };
}

/**
 * The current leader: Maintenance.Status on every member's own client, concurrently; the leader
 * most answering members report.
 * @throws GatewayError 503 `etcd_unavailable` when no answering member knows a leader.
 */
export async function findLeader(members: MemberRef[]): Promise<MemberRef & { clientUrl: string }> {
  const { config } = getEtcd();
  const reported = await Promise.all(
    members.map((m) =>
      m.clientUrl
        ? memberClient(m.clientUrl, config)
            .maintenance.status({ deadline: new Date(Date.now() + MEMBER_DEADLINE_MS) })
            .then((s) => s.leader)
            .catch(() => undefined)
        : undefined,
    ),
  );
  const votes = new Map<string, number>();
  for (const id of reported) if (id && id !== "0") votes.set(id, (votes.get(id) ?? 0) + 1);
  const best = [...votes].sort((a, b) => b[1] - a[1])[0];
  if (!best) throw new GatewayError("etcd_unavailable", "etcd has no leader (quorum lost)");
  return findMember(hexId(best[0]), members);
}
