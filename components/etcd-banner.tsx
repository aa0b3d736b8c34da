"use client";

import { useQueryClient } from "@tanstack/react-query";
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { isUnavailable } from "@/lib/query/api-error";
import { markEtcdDown, markEtcdUp, useErrorState } from "@/lib/query/error-store";
import { kvKeys } from "@/lib/query/keys";
import { useHealthQuery } from "@/lib/query/use-health-query";

/**
 * The "etcd is unreachable" banner (`role="alert"`). Raised by any 503/504/no-response error
 * (see reportError) or a failing health poll; while it shows, `GET /api/v1/health` is polled
 * every 2 s, and the first healthy answer *after it was raised* hides it and refetches every
 * keyspace query (an older success must not hide it, or a 503 and the refetch it triggers would
 * chase each other forever without a health poll ever running).
 */
export function EtcdBanner() {
  // The sign-in page can't reach the API yet (401): no health poll, no banner there.
  return usePathname() === "/login" ? null : <EtcdBannerPoll />;
}

/** The banner and its health poll (see {@link EtcdBanner}). */
function EtcdBannerPoll() {
  const qc = useQueryClient();
  const { etcdDown, downMessage, downSince } = useErrorState();
  const health = useHealthQuery(etcdDown);

  useEffect(() => {
    if (health.isError && isUnavailable(health.error)) markEtcdDown(health.error.message);
  }, [health.isError, health.error, health.errorUpdatedAt]);

  useEffect(() => {
    // Only a health answer that arrived after the banner went up clears it: the success cached
    // from before the outage must not hide a banner another query's 503 just raised.
    const fresh = health.dataUpdatedAt > Math.max(health.errorUpdatedAt, downSince);
    if (health.isSuccess && etcdDown && fresh) {
      markEtcdUp();
      void qc.invalidateQueries({ queryKey: kvKeys.all });
    }
  }, [health.isSuccess, health.dataUpdatedAt, health.errorUpdatedAt, etcdDown, downSince, qc]);

  if (!etcdDown) return null;
  return (
    <div
      role="alert"
      className="flex items-center gap-3 border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900"
    >
      <span
        aria-hidden="true"
        className="inline-block size-2 animate-pulse rounded-full bg-amber-500"
      />
      <span>
        <strong>etcd is unreachable.</strong> {downMessage ? `${downMessage} ` : ""}Retrying every
        few seconds; the page will refresh by itself when etcd is back.
      </span>
    </div>
  );
}
