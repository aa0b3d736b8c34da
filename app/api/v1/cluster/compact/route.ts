import { compactBodySchema } from "@/lib/contract";
import { compact } from "@/lib/etcd/maintenance/compact";
import { parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

/**
 * `POST /api/v1/cluster/compact` body `{revision, physical?}` → `{header, revision, physical}`
 * (etcd KV.Compact: history below `revision` is discarded; reads and watches of it answer 410).
 * 400 naming `revision` (malformed, 0, or a future revision); 410 `revision_compacted` when it is
 * at or below the last compaction; 403 `read_only`; audited.
 */
export const POST = route(
  async (req) => {
    const body = await parseJsonBody(req, compactBodySchema);
    return compact(body.revision, body.physical);
  },
  { write: true },
);
