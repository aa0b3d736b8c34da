"use client";

import { useRef, useState } from "react";
import { ScanProgress } from "@/components/scan-progress";
import { Button } from "@/components/ui/button";
import type { ClusterMember, StatsDoneEvent } from "@/lib/contract";
import { useScan } from "@/lib/live/use-scan";
import { formatBytes } from "@/lib/format/byte-size";

/**
 * Where the leader's database space goes: its DB file size, how much of it is in use (the rest
 * is free pages: fragmentation, which `etcdctl defrag` returns), and — on demand, from one
 * `GET /api/v1/stats` of the whole keyspace (a full read of every key and value at one revision,
 * so only when asked) — how much of the in-use part the current keys and values are. The rest
 * of the in-use space is older revisions kept until compaction, plus the index.
 * @prop members  the cluster's members (`GET /api/v1/cluster`); the leader's figures are used
 */
export function SpaceUsage({ members }: { members: ClusterMember[] }) {
  const member = members.find((m) => m.isLeader && m.status) ?? members.find((m) => m.status);
  const [request, setRequest] = useState<{ url: string; run: number } | null>(null);
  const runs = useRef(0);
  const scan = useScan<never, StatsDoneEvent>(request);
  if (!member?.status) return null;
  const db = Number(member.status.dbSize);
  const inUse = Number(member.status.dbSizeInUse);
  const free = Math.max(0, db - inUse);
  const live = scan.done?.bytes ?? null;
  return (
    <section aria-label="Space" className="mb-4 rounded-md border border-slate-200 p-3 text-sm">
      <h2 className="mb-1 font-semibold">Space</h2>
      <p>
        DB size {formatBytes(db)} · in use {formatBytes(inUse)} · fragmentation{" "}
        {db > 0 ? `${Math.round((free / db) * 100)}%` : "—"} ({formatBytes(free)} free pages;
        `etcdctl defrag` returns them)
        <span className="text-slate-500"> · {member.name || member.id}</span>
      </p>
      {live !== null && scan.done ? (
        <p role="status" className="mt-1">
          Current keys and values: {formatBytes(live)} in{" "}
          {Number(scan.done.keys).toLocaleString("en-US")} keys at revision {scan.done.revision}
          {inUse > 0 ? ` (${Math.round((live / inUse) * 100)}% of the space in use)` : ""}; the rest
          of the space in use is older revisions kept until compaction, and the index.
        </p>
      ) : null}
      {scan.status === "running" ? (
        <div className="mt-2 flex items-center gap-2">
          <div className="flex-1">
            <ScanProgress label="Counting progress" progress={scan.progress} running />
          </div>
          <Button size="sm" onClick={scan.cancel}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button
          size="sm"
          className="mt-2"
          onClick={() => {
            runs.current += 1;
            setRequest({ url: "/api/v1/stats?prefix=", run: runs.current });
          }}
        >
          Count key and value bytes
        </Button>
      )}
      {scan.status === "error" ? (
        <p role="alert" className="mt-1 text-rose-700">
          Could not count: {scan.error?.message}
        </p>
      ) : null}
    </section>
  );
}
