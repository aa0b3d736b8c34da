import { importQuerySchema } from "@/lib/contract";
import { parseImport } from "@/lib/etcd/bulk/import-formats";
import { importKeys } from "@/lib/etcd/bulk/import";
import { readImportBody } from "@/lib/http/bulk/import-body";
import { bytesParam, parseQuery } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

/**
 * `POST /api/v1/import?mode=create-only|overwrite|dry-run[&dryRun=1][&prefix=NEW]
 * [&prefixEncoding][&planRevision=R][&leases=1]`, body an etcd-explorer/v1 export
 * (`application/x-ndjson`), an `etcdctl get -w json` dump or a `{key: value}` object
 * (`application/json`) → `{header, format, mode, dryRun, planRevision, counts, items}` and, when
 * applied, `{atomic, txns, statement, error?}` (etcd Txns of ≤ 128 guarded puts; Ranges for the
 * plan; LeaseGrant with `leases=1`). 413 `too_large` past 64 MiB; 400 naming the bad field or
 * line; 410 for a compacted `planRevision`.
 */
export const POST = route(
  async (req) => {
    const q = parseQuery(req, importQuerySchema);
    const prefix =
      q.prefix === undefined ? undefined : bytesParam("prefix", q.prefix, q.prefixEncoding);
    const file = parseImport(await readImportBody(req));
    return importKeys({
      file,
      mode: q.mode === "dry-run" ? "overwrite" : q.mode,
      dryRun: q.dryRun || q.mode === "dry-run",
      prefix,
      planRevision: q.planRevision,
      leases: q.leases,
    });
  },
  { write: true },
);
