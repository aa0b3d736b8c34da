import { z } from "zod";
import { encodingSchema } from "./kv";

/**
 * One key range a role grants: `[key, rangeEnd)` in their encodings; `rangeEnd` null means the
 * single key `key`. `prefix` is true when the range is exactly "every key under `key`" (what
 * `etcdctl role grant-permission … --prefix` makes); `key` "" with `prefix` is the whole
 * keyspace.
 */
export const permissionRangeSchema = z.object({
  access: z.enum(["read", "write", "readwrite"]),
  key: z.string(),
  keyEncoding: encodingSchema,
  rangeEnd: z.string().nullable(),
  rangeEndEncoding: encodingSchema,
  prefix: z.boolean(),
  /** The role that grants it. */
  role: z.string(),
});
/** Parsed {@link permissionRangeSchema}. */
export type PermissionRange = z.infer<typeof permissionRangeSchema>;

/**
 * `GET /api/v1/permissions` → what the etcd user the gateway connects as may touch.
 * - `auth`: false when the gateway connects without a user (then nothing else applies: etcd
 *   either has auth off or would refuse everything).
 * - `root`: the user has etcd's `root` role — every key, every operation.
 * - `ranges`: the key ranges its roles grant (empty for root, which needs none).
 * - `header.revision`: the store revision the user lookup saw.
 */
export const permissionsResponseSchema = z.object({
  header: z.object({ revision: z.string() }),
  auth: z.boolean(),
  user: z.string().nullable(),
  root: z.boolean(),
  roles: z.array(z.string()),
  ranges: z.array(permissionRangeSchema),
});
/** Parsed {@link permissionsResponseSchema}. */
export type PermissionsResponse = z.infer<typeof permissionsResponseSchema>;
