import { leaseTtlQuerySchema } from "@/lib/contract";
import { leaseTtls } from "@/lib/etcd/leases";
import { parseQuery } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

/**
 * `GET /api/v1/leases/ttl?ids=HEX,HEX,…` (1 to 100 IDs) → `{header, leases: [{id, exists: true,
 * ttl, grantedTtl} | {id, exists: false}]}` in the order asked: one etcd LeaseTimeToLive (no
 * keys) per ID, a few at a time. TTLs in seconds, IDs hex (16 digits, as etcdctl prints them).
 * Read-only and bounded, so safe for any page to call. 400 naming `ids`; 503/504 from etcd.
 */
export const GET = route(async (req) => leaseTtls(parseQuery(req, leaseTtlQuerySchema).ids));
