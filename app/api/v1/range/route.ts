import { rangeQuerySchema } from "@/lib/contract";
import { withCompactedDetails } from "@/lib/etcd/history/revision-bounds";
import { listRange } from "@/lib/etcd/range";
import { parseQuery } from "@/lib/http/parse";
import { rangeParams } from "@/lib/http/range-param";
import { route } from "@/lib/http/route";

/**
 * `GET /api/v1/range?prefix=P` or `?key=K[&rangeEnd=E]`, with `[&limit][&keysOnly=1]
 * [&countOnly=1][&revision=R][&after=CURSOR]` → `{header, kvs, more, count, next?}` (etcd Range).
 * `rangeEnd` takes the key's encoding. 410 `revision_compacted` (with `details.compactRevision`
 * and `currentRevision` for a `revision=` read); 400 naming a bad parameter.
 */
export const GET = route(async (req) => {
  const q = parseQuery(req, rangeQuerySchema);
  const { limit, keysOnly, countOnly, revision, after } = q;
  const params = rangeParams(q);
  return withCompactedDetails(revision, params.key, () =>
    listRange({ ...params, limit, keysOnly, countOnly, revision, after }),
  );
});
