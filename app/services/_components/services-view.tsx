"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { WatchContext } from "@/lib/live/watch-context";
import { Button } from "@/components/ui/button";
import { InlineError } from "@/components/ui/inline-error";
import { useNow } from "@/lib/query/use-now";
import { useRangeQuery } from "@/lib/query/use-range-query";
import { useStreamHealth } from "@/lib/live/use-stream-health";
import { useWatchStream } from "@/lib/live/use-watch-stream";
import { groupInstances } from "./group-instances";
import { InstanceRow } from "./instance-row";
import { RECENT_MS, useServiceActivity } from "./use-service-activity";
import { Input } from "@/components/ui/input";

/** The prefix shown when the URL names none. */
export const DEFAULT_SERVICES_PREFIX = "/services/";

/**
 * Service discovery for `?prefix=` (default `/services/`): a prefix picker, then one table per
 * parent folder listing its instances with lease countdowns. A watch on the prefix keeps it live
 * and marks instances that appeared, vanished or flap.
 */
export function ServicesView() {
  const params = useSearchParams();
  const prefix = params.get("prefix") ?? DEFAULT_SERVICES_PREFIX;
  return <ServicesFor key={prefix} prefix={prefix} />;
}

function ServicesFor({ prefix }: { prefix: string }) {
  const router = useRouter();
  const [draft, setDraft] = useState(prefix);
  const stream = useWatchStream(`/api/v1/watch?prefix=${encodeURIComponent(prefix)}`);
  const activity = useServiceActivity(prefix, stream);
  const range = useRangeQuery(prefix);
  const now = useNow();
  const health = useStreamHealth(stream.state);
  const groups = groupInstances(range.data?.kvs ?? [], activity, now, RECENT_MS, prefix);

  function pick(e: FormEvent) {
    e.preventDefault();
    router.push(`/services?prefix=${encodeURIComponent(draft)}`);
  }

  return (
    <WatchContext.Provider value={stream}>
      <div className="h-full overflow-auto p-4">
        <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-lg font-semibold">Services</h1>
            <p className="text-sm text-slate-500">
              Instances under <span className="font-mono">{prefix}</span>, grouped by folder · watch{" "}
              {health.status === "stale" ? "stale (etcd not answering)" : health.status}
            </p>
          </div>
          <form aria-label="Services prefix" onSubmit={pick} className="flex items-end gap-2">
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
        {range.isError ? <InlineError message={`Could not list: ${range.error.message}`} /> : null}
        {range.data?.more ? (
          <p className="mb-2 text-sm text-amber-700">Only the first keys are shown.</p>
        ) : null}
        {range.isSuccess && groups.length === 0 ? (
          <p className="text-sm text-slate-500">No instances under this prefix.</p>
        ) : null}
        {groups.map((g) => (
          <section key={g.service} aria-label={`Service ${g.service}`} className="mb-5">
            <h2 className="mb-1 font-mono text-sm font-semibold">
              {g.service || "(no folder)"}{" "}
              <span className="font-sans font-normal text-slate-500">
                {g.instances.filter((i) => i.kv).length} live
              </span>
            </h2>
            <table aria-label={`Instances of ${g.service}`} className="w-full text-sm">
              <tbody>
                {g.instances.map((inst) => (
                  <InstanceRow key={inst.key} inst={inst} now={now} />
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
    </WatchContext.Provider>
  );
}
