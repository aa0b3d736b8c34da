import { rangeQuerySchema } from "@/lib/contract";
import { listRange, prefixRange } from "@/lib/etcd/range";
import { bytesParam, parseQuery } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

/**
 * `GET /api/v1/range?prefix=P` or `?key=K[&rangeEnd=E]`, with `[&limit][&keysOnly=1]
 * [&countOnly=1][&revision=R][&after=CURSOR]` → `{header, kvs, more, count, next?}` (etcd Range).
 * `rangeEnd` takes the key's encoding. 410 `revision_compacted`; 400 naming a bad parameter.
 */
export const GET = route(async (req) => {
  const q = parseQuery(req, rangeQuerySchema);
  const span =
    q.prefix !== undefined
      ? prefixRange(bytesParam("prefix", q.prefix, q.prefixEncoding))
      : {
          key: bytesParam("key", q.key!, q.keyEncoding),
          rangeEnd:
            q.rangeEnd === undefined
              ? undefined
              : bytesParam("rangeEnd", q.rangeEnd, q.keyEncoding),
        };
  const { limit, keysOnly, countOnly, revision, after } = q;
  return listRange({ ...span, limit, keysOnly, countOnly, revision, after });
});
