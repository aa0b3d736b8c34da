"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { Input } from "@/components/ui/input";
import { useStreamHealth } from "@/lib/live/use-stream-health";
import { useWatchStream } from "@/lib/live/use-watch-stream";
import { WatchContext } from "@/lib/live/watch-context";
import { useLocksQuery } from "@/lib/query/use-locks-query";
import { LockCard } from "./lock-card";
import { useLocksLive } from "./use-locks-live";

/**
 * Locks and elections for `?prefix=` (default: the whole keyspace): a prefix picker, then one
 * card per lock. A watch on the prefix refetches the list on every change, so a hand-over shows
 * without a reload.
 */
export function LocksView() {
  const prefix = useSearchParams().get("prefix") ?? "";
  return <LocksFor key={prefix} prefix={prefix} />;
}

function LocksFor({ prefix }: { prefix: string }) {
  const router = useRouter();
  const [draft, setDraft] = useState(prefix);
  const stream = useWatchStream(`/api/v1/watch?prefix=${encodeURIComponent(prefix)}`);
  useLocksLive(prefix, stream);
  const locks = useLocksQuery(prefix);
  const health = useStreamHealth(stream.state);

  function pick(e: FormEvent) {
    e.preventDefault();
    router.push(`/locks?prefix=${encodeURIComponent(draft)}`);
  }

  return (
    <WatchContext.Provider value={stream}>
      <div className="h-full overflow-auto p-4">
        <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-lg font-semibold">Locks and elections</h1>
            <p className="text-sm text-slate-500">
              Under <span className="font-mono">{prefix || "(whole keyspace)"}</span>
              {locks.data ? ` · revision ${locks.data.header.revision}` : ""} · watch{" "}
              {health.status === "stale" ? "stale (etcd not answering)" : health.status}
            </p>
          </div>
          <form aria-label="Locks prefix" onSubmit={pick} className="flex items-end gap-2">
            <label className="text-sm">
              Prefix
              <Input
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                className="mt-1 block w-64"
              />
            </label>
            <Button type="submit">Show</Button>
          </form>
        </div>
        {locks.isError ? <InlineError message={`Could not list: ${locks.error.message}`} /> : null}
        {locks.data?.truncated ? (
          <p className="mb-2 text-sm text-amber-700">
            The prefix holds too many keys to scan at once: some locks may be missing. Narrow it.
          </p>
        ) : null}
        {locks.isSuccess && locks.data.locks.length === 0 ? (
          <p className="text-sm text-slate-500">No locks or elections under this prefix.</p>
        ) : null}
        {locks.data?.locks.map((l) => (
          <LockCard key={`${l.library}:${l.prefixEncoding}:${l.prefix}`} lock={l} />
        ))}
      </div>
    </WatchContext.Provider>
  );
}
