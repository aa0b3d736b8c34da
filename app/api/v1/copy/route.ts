import { copyBodySchema } from "@/lib/contract";
import { copyKeys } from "@/lib/etcd/bulk/copy";
import { bytesParam, parseJsonBody } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

/**
 * `POST /api/v1/copy` body `{from, fromEncoding?, to, toEncoding?} | {items: [...]}, mode?,
 * move?, keepLease?, dryRun?` → `{header, move, mode, dryRun, sourceRevision, counts, items}`
 * and, when applied, `{atomic, txns, statement, error?}`. A `from` ending in `/` is a prefix.
 * Sources read at one revision (Ranges, Txns of Ranges), writes in guarded Txns of ≤ 128 ops
 * (a move's delete guarded by the source's mod_revision). 400 naming the field (a prefix into
 * itself, two sources on one key); 413 past 50,000 keys.
 */
export const POST = route(
  async (req) => {
    const body = await parseJsonBody(req, copyBodySchema);
    const items = body.items ?? [
      {
        from: body.from!,
        fromEncoding: body.fromEncoding,
        to: body.to!,
        toEncoding: body.toEncoding,
      },
    ];
    const specs = items.map((it, i) => {
      const field = body.items ? `items.${i}.` : "";
      return {
        from: bytesParam(`${field}from`, it.from, it.fromEncoding),
        to: bytesParam(`${field}to`, it.to, it.toEncoding),
        field,
      };
    });
    return copyKeys({
      specs,
      mode: body.mode,
      move: body.move,
      keepLease: body.keepLease,
      dryRun: body.dryRun,
    });
  },
  { write: true },
);
