import { z } from "zod";

/** One member's own Maintenance.Status answer; int64s are decimal strings, sizes in bytes. */
export const memberStatusSchema = z.object({
  version: z.string(),
  dbSize: z.string(),
  dbSizeInUse: z.string(),
  raftTerm: z.string(),
  raftIndex: z.string(),
  raftAppliedIndex: z.string(),
  /** e.g. `["etcdserver: no leader"]` on a member that lost its leader. */
  errors: z.array(z.string()),
});

/** One cluster member (MemberList) with its own status, or the error reaching it. */
export const clusterMemberSchema = z.object({
  /** Member ID in lowercase hex, as etcdctl prints it. */
  id: z.string(),
  /** Empty while a newly added member has not started. */
  name: z.string(),
  peerUrls: z.array(z.string()),
  clientUrls: z.array(z.string()),
  isLearner: z.boolean(),
  isLeader: z.boolean(),
  status: memberStatusSchema.optional(),
  /** Why this member's Status failed (unreachable, deadline, no client URL). */
  error: z.string().optional(),
});

/** `GET /api/v1/cluster` response. */
export const clusterResponseSchema = z.object({
  /**
   * IDs of the cluster and of the member that answered MemberList (hex); `revision` is the
   * highest store revision any member's Status reported (MemberList's own is 0), decimal string.
   */
  header: z.object({ clusterId: z.string(), memberId: z.string(), revision: z.string() }),
  /** Cluster ID in hex. */
  clusterId: z.string(),
  /** Leader member ID in hex, or null when no reachable member knows a leader. */
  leader: z.string().nullable(),
  /**
   * Revision of the last compaction (decimal string; "0" = never compacted): watches and reads
   * below it fail. null when unknown (no member's metrics endpoint answered).
   */
  compactRevision: z.string().nullable(),
  members: z.array(clusterMemberSchema),
  /** Raised alarms (Maintenance.Alarm GET); member IDs in hex, alarm e.g. `NOSPACE`. */
  alarms: z.array(z.object({ memberId: z.string(), alarm: z.string() })),
  /** Set when the alarm list could not be read (it goes through raft and needs a leader). */
  alarmsError: z.string().optional(),
});

/** One member's status fields. */
export type MemberStatus = z.infer<typeof memberStatusSchema>;
/** One member row of `GET /api/v1/cluster`. */
export type ClusterMember = z.infer<typeof clusterMemberSchema>;
/** `GET /api/v1/cluster` response body. */
export type ClusterResponse = z.infer<typeof clusterResponseSchema>;
