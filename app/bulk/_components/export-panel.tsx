"use client";

import { useState } from "react";
import { ExportDownload } from "@/components/bulk/export-download";
import { Input } from "@/components/ui/input";

/**
 * Export every key under a prefix (optionally at a past revision) as an etcd-explorer/v1 NDJSON
 * file, with a progress bar (`GET /api/v1/export?prefix=P[&revision=R]`).
 */
export function ExportPanel() {
  const [prefix, setPrefix] = useState("/");
  const [revision, setRevision] = useState("");
  const params: [string, string][] = [["prefix", prefix]];
  if (revision.trim()) params.push(["revision", revision.trim()]);
  return (
    <section aria-labelledby="export-title" className="flex flex-col gap-3">
      <h1 id="export-title" className="text-lg font-semibold">
        Export
      </h1>
      <div className="flex flex-wrap gap-3">
        <label className="flex-1 text-sm">
          Prefix (empty: the whole keyspace)
          <Input
            value={prefix}
            onChange={(e) => setPrefix(e.target.value)}
            className="mt-1 block w-full font-mono"
            spellCheck={false}
          />
        </label>
        <label className="text-sm">
          At revision (optional)
          <Input
            value={revision}
            onChange={(e) => setRevision(e.target.value)}
            inputMode="numeric"
            className="mt-1 block w-40 font-mono"
          />
        </label>
      </div>
      <ExportDownload params={params} />
    </section>
  );
}
