import { NextResponse } from "next/server";
import { grantLeaseBodySchema, listLeasesQuerySchema } from "@/lib/contract";
import { grantLease, listLeases } from "@/lib/etcd/leases";
import { parseJsonBody, parseQuery } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

/**
 * `GET /api/v1/leases[?limit=N][&after=HEXID]` → `{header, leases: [{id, ttl, grantedTtl,
 * keys}], more, next?}` in ascending ID order (etcd LeaseLeases + LeaseTimeToLive per lease,
 * bounded concurrency). TTLs in seconds; IDs hex. 400 naming a bad parameter.
 */
export const GET = route(async (req) => {
  const q = parseQuery(req, listLeasesQuerySchema);
  return listLeases({ limit: q.limit, after: q.after });
});

/**
 * `POST /api/v1/leases` body `{ttl}` (whole seconds ≥ 1) → 201 `{header, id, ttl}` (etcd
 * LeaseGrant). 400 naming `ttl`.
 */
export const POST = route(
  async (req) => {
    const body = await parseJsonBody(req, grantLeaseBodySchema);
    return NextResponse.json(await grantLease(body.ttl), { status: 201 });
  },
  { write: true },
);
