"use client";

import { Clock } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ROOT_FOLDER } from "@/lib/format/key-path";
import { isApiError } from "@/lib/query/api-error";
import { useClusterQuery } from "@/lib/query/use-cluster-query";
import { useTreeQuery } from "@/lib/query/use-tree-query";

/** `details.compactRevision` of a 410 `revision_compacted`, when the gateway sent it. */
function compactedAt(err: unknown): string | null {
  if (!isApiError(err, "revision_compacted")) return null;
  const d = err.details as { compactRevision?: unknown } | undefined;
  return typeof d?.compactRevision === "string" ? d.compactRevision : null;
}

/**
 * The past view's banner, above both panes: "As of revision R (now N) · read-only" with a way
 * back to live. Whether R can still be read comes from the root folder's listing at R (the same
 * cached query the tree shows, so no extra request): a 410 turns the banner into "revision R
 * was compacted" naming the compact revision (from the 410's details, else from
 * `GET /api/v1/cluster`), with a link to the oldest revision still kept.
 * @prop revision  the revision shown (decimal)
 * @prop now       the current store revision as the watch stream last heard it, null if unknown
 * @prop onLive    leave the past view
 * @prop onPick    go to another revision (the oldest kept one, after a compaction)
 */
export function AsOfBanner({
  revision,
  now,
  onLive,
  onPick,
}: {
  revision: string;
  now: string | null;
  onLive: () => void;
  onPick: (revision: string) => void;
}) {
  const root = useTreeQuery(ROOT_FOLDER);
  const compacted = root.isError && isApiError(root.error, "revision_compacted");
  const cluster = useClusterQuery({ background: false });
  const compactRevision = compacted
    ? (compactedAt(root.error) ?? cluster.data?.compactRevision ?? null)
    : null;
  const future = root.isError && isApiError(root.error, "invalid_request");

  return (
    <div
      role="status"
      aria-label="Past view"
      className={`flex flex-wrap items-center gap-3 border-b px-4 py-2 text-sm ${compacted || future ? "border-rose-300 bg-rose-50 text-rose-900" : "border-violet-300 bg-violet-50 text-violet-950"}`}
    >
      <Clock aria-hidden size={16} className="shrink-0" />
      {compacted ? (
        <span>
          Revision <strong className="font-mono">{revision}</strong> was compacted
          {compactRevision ? (
            <>
              {" "}
              (history is kept from compact revision{" "}
              <strong className="font-mono">{compactRevision}</strong>)
            </>
          ) : null}
          : etcd no longer keeps the keyspace as it was then.
        </span>
      ) : future ? (
        <span>
          Revision <strong className="font-mono">{revision}</strong> cannot be shown:{" "}
          {root.error?.message}
        </span>
      ) : (
        <span>
          As of revision <strong className="font-mono">{revision}</strong>
          {now ? (
            <>
              {" "}
              (now <span className="font-mono">{now}</span>)
            </>
          ) : null}{" "}
          · read-only: values, metadata and counts as they were then; live changes are not applied.
        </span>
      )}
      <span className="ml-auto flex gap-2">
        {compacted && compactRevision && compactRevision !== "0" ? (
          <Button size="sm" onClick={() => onPick(compactRevision)}>
            Oldest kept ({compactRevision})
          </Button>
        ) : null}
        <Button size="sm" variant="primary" onClick={onLive}>
          Back to live
        </Button>
      </span>
    </div>
  );
}
