import { z } from "zod";
import { revisionSchema, type ResponseHeader } from "./kv";

/** A member ID as etcdctl prints it: lowercase hex (uint64), no `0x`. */
export const memberIdSchema = z
  .string()
  .regex(/^[0-9a-f]{1,16}$/, "must be a member ID in hex (as etcdctl prints it)");

/** The `{id}` path segment of `/api/v1/cluster/members/{id}/…`. */
export const memberParamsSchema = z.object({ id: memberIdSchema });

/**
 * `POST /api/v1/cluster/compact` body: compact the keyspace history below `revision` (decimal
 * string, ≥ 1, at most the current revision). `physical`: answer only once the old revisions
 * are removed from the backend (etcd's `physical` flag), default false.
 */
export const compactBodySchema = z
  .object({
    revision: revisionSchema,
    physical: z.boolean().default(false),
  })
  .strict();

/** The alarms etcd raises (Maintenance.Alarm), spelled as etcd and etcdctl print them. */
export const alarmNameSchema = z.enum(["NOSPACE", "CORRUPT"]);

/**
 * `POST /api/v1/cluster/alarms/disarm` body: disarm the raised alarms matching both filters
 * (absent: any member / any alarm).
 */
export const disarmBodySchema = z
  .object({ memberId: memberIdSchema.optional(), alarm: alarmNameSchema.optional() })
  .strict();

/** `POST /api/v1/cluster/move-leader` body: the member (hex ID) to hand leadership to. */
export const moveLeaderBodySchema = z.object({ to: memberIdSchema }).strict();

/** `GET /api/v1/cluster/snapshot` query: the member to stream from (default: the leader). */
export const snapshotQuerySchema = z.object({ memberId: memberIdSchema.optional() });

/** `POST /api/v1/cluster/compact` → the revision compacted at (decimal). */
export type CompactResponse = { header: ResponseHeader; revision: string; physical: boolean };

/**
 * `POST /api/v1/cluster/members/{id}/defragment` → the member's backend size (bytes, decimal
 * strings) from its own Status before and after, and how long the defragmentation took (ms).
 */
export type DefragmentResponse = {
  header: ResponseHeader;
  memberId: string;
  name: string;
  before: { dbSize: string; dbSizeInUse: string };
  after: { dbSize: string; dbSizeInUse: string };
  tookMs: number;
};

/** `POST /api/v1/cluster/alarms/disarm` → the alarms disarmed (member IDs hex). */
export type DisarmResponse = {
  header: ResponseHeader;
  disarmed: { memberId: string; alarm: string }[];
};

/**
 * `POST /api/v1/cluster/move-leader` → the leader before (`from`) and the member asked to lead
 * (`to`), both hex; `moved: false` when `to` already led.
 */
export type MoveLeaderResponse = {
  header: ResponseHeader;
  from: string;
  to: string;
  moved: boolean;
};
