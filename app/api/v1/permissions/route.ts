import { readOwnPermissions } from "@/lib/etcd/permissions";
import { route } from "@/lib/http/route";

/**
 * `GET /api/v1/permissions` → `{header, auth, user, root, roles, ranges: [{access, key,
 * keyEncoding, rangeEnd, rangeEndEncoding, prefix, role}]}`: what the etcd user the gateway
 * connects as may read and write (etcd Auth.UserGet on its own name, Auth.RoleGet on each of
 * its roles; cached 30 s). `auth: false` and nothing else without a configured user.
 * 503/504 when etcd can't be asked.
 */
export const GET = route(() => readOwnPermissions());
