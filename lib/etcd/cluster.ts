import "server-only";
import type { IMemberListResponse, IStatusResponse } from "etcd3";
import type { ClusterMember, ClusterResponse, MemberStatus } from "@/lib/contract";
import { getEtcd } from "./client";
import { compactedRevision } from "./member-metrics";
import { MEMBER_DEADLINE_MS, memberClient } from "./members";
import { describeTlsFailure } from "./tls-errors";

/** uint64 decimal string → lowercase hex, as etcdctl prints member and cluster IDs. */
export const hexId = (id: string): string => BigInt(id).toString(16);

/**
 * The cluster's state: MemberList (shared read client; if that fails, e.g. with no leader, each
 * configured endpoint's own client in turn), Maintenance.Status per member on its own
 * single-host client, concurrently, and the Alarm list. A member that can't be reached gets
 * `error` instead of failing the whole answer; an alarm list that times out (it goes through
 * raft, so it needs a leader) is left empty with `alarmsError`. The compacted revision comes from
 * a member's metrics ({@link compactedRevision}), null when none could be read.
 * @throws the MemberList error (→ 503 `etcd_unavailable`) when no member answers at all.
 */
export async function readCluster(): Promise<ClusterResponse> {
  const { read, config } = getEtcd();
  const list = await memberList();
  const [members, alarms, compactRevision] = await Promise.all([
    Promise.all(list.members.map((m) => withStatus(m))),
    read.maintenance
      .alarm({ action: "Get", memberID: 0, alarm: "None" }, { deadline: soon() })
      .then((r) => ({
        // etcd3 names the enum "Nospace"/"Corrupt"; etcd and etcdctl say NOSPACE/CORRUPT.
        alarms: r.alarms.map((a) => ({
          memberId: hexId(a.memberID),
          alarm: String(a.alarm).toUpperCase(),
        })),
      }))
      .catch((e: Error) => ({ alarms: [], alarmsError: `alarm list unavailable: ${e.message}` })),
    compactedRevision(
      list.members.flatMap((m) => m.clientURLs.slice(0, 1)),
      config,
    ),
  ]);
  const leader = electedLeader(members.map((m) => m.leader));

  // MemberList headers carry revision 0; the members' own Status headers carry their revision.
  const revision = members.reduce(
    (max, m) => (m.revision && BigInt(m.revision) > BigInt(max) ? m.revision : max),
    list.header.revision,
  );
  return {
    header: {
      clusterId: hexId(list.header.cluster_id),
      memberId: hexId(list.header.member_id),
      revision,
    },
    clusterId: hexId(list.header.cluster_id),
    leader,
    compactRevision,
    members: members.map(({ member }) => ({ ...member, isLeader: member.id === leader })),
    ...alarms,
  };

  async function memberList(): Promise<IMemberListResponse> {
    try {
      return await read.cluster.memberList({});
    } catch (first) {
      for (const url of config.endpoints) {
        try {
          return await memberClient(url, config).cluster.memberList({});
        } catch {
          // try the next endpoint
        }
      }
      throw first;
    }
  }

  async function withStatus(
    m: IMemberListResponse["members"][number],
  ): Promise<{ member: ClusterMember; leader?: string; revision?: string }> {
    const member: ClusterMember = {
      id: hexId(m.ID),
      name: m.name,
      peerUrls: m.peerURLs,
      clientUrls: m.clientURLs,
      isLearner: m.isLearner,
      isLeader: false,
    };
    const url = m.clientURLs[0];
    if (!url) return { member: { ...member, error: "member has not started (no client URL)" } };
    try {
      const s = await memberClient(url, config).maintenance.status({ deadline: soon() });
      return {
        member: { ...member, status: statusOf(s) },
        leader: s.leader,
        revision: s.header.revision,
      };
    } catch (e) {
      const msg = (e as Error).message;
      return { member: { ...member, error: describeTlsFailure(msg) ?? msg } };
    }
  }
}

function statusOf(s: IStatusResponse): MemberStatus {
  return {
    version: s.version,
    dbSize: s.dbSize,
    dbSizeInUse: s.dbSizeInUse,
    raftTerm: s.raftTerm,
    raftIndex: s.raftIndex,
    raftAppliedIndex: s.raftAppliedIndex,
    errors: s.errors ?? [],
  };
}

/** The leader most reachable members agree on (hex), or null if none knows one. */
function electedLeader(reported: (string | undefined)[]): string | null {
  const votes = new Map<string, number>();
  for (const id of reported) if (id && id !== "0") votes.set(id, (votes.get(id) ?? 0) + 1);
  const best = [...votes].sort((a, b) => b[1] - a[1])[0];
  return best ? hexId(best[0]) : null;
}

const soon = () => new Date(Date.now() + MEMBER_DEADLINE_MS);
