"use client";

import { useState } from "react";
import { LeaseCountdown } from "@/components/lease-countdown";
import { useReadOnly } from "@/components/read-only";
import { Button } from "@/components/ui/button";
import type { LockDto, LockEntry } from "@/lib/contract";
import { displayKey } from "@/lib/format/display-key";
import { BreakLockDialog } from "./break-lock-dialog";

const LIBRARY: Record<LockDto["library"], string> = {
  "go-concurrency": "Go concurrency (etcdctl, jetcd, lock/election API)",
  "etcd3-npm": "etcd3 (npm)",
  "python-etcd3": "python-etcd3",
};

/**
 * One lock or election: its name, kind and client library, the holder (leader) with its key,
 * value (an election's proposal), lease countdown and the revision it holds since, then the
 * waiters in queue order. "Break" (absent in read-only mode) revokes the holder's lease.
 * @prop lock  one entry of `GET /api/v1/locks`
 */
export function LockCard({ lock }: { lock: LockDto }) {
  const readOnly = useReadOnly();
  const [breaking, setBreaking] = useState(false);
  const name = displayKey(lock.name, lock.nameEncoding);
  const role = lock.kind === "election" ? "Leader" : "Holder";
  const h = lock.holder;
  return (
    <section
      aria-label={`Lock ${name}`}
      className="mb-4 rounded border border-slate-200 p-3 dark:border-slate-700"
    >
      <h2 className="mb-2 flex flex-wrap items-center gap-2 text-sm">
        <span className="font-mono font-semibold">{name}</span>
        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{lock.kind}</span>
        <span className="text-xs text-slate-500">{LIBRARY[lock.library]}</span>
        {!readOnly ? (
          <Button size="sm" variant="danger" className="ml-auto" onClick={() => setBreaking(true)}>
            Break
          </Button>
        ) : null}
      </h2>
      <div aria-label={role} className="rounded bg-emerald-50 p-2 text-sm dark:bg-emerald-950">
        <p className="text-xs font-semibold text-emerald-800 dark:text-emerald-200">{role}</p>
        <EntryLine entry={h} />
        <p className="text-xs text-slate-600">
          holds since revision{" "}
          {h.heldSinceExact ? h.heldSince : `${h.heldSince} or earlier (history compacted)`}
          {" · "}queued at {h.createRevision}
        </p>
      </div>
      {lock.kind !== "lock" ? (
        <div className="mt-2">
          <p className="text-xs font-semibold text-slate-600">
            Waiting ({lock.waiters.length}){lock.waiters.length ? ", in queue order" : ""}
          </p>
          <ol aria-label="Waiters" className="list-decimal pl-6 text-sm">
            {lock.waiters.map((w) => (
              <li key={`${w.keyEncoding}:${w.key}`}>
                <EntryLine entry={w} />
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {breaking ? <BreakLockDialog lock={lock} onClose={() => setBreaking(false)} /> : null}
    </section>
  );
}

/** A key with its value (if any), lease and countdown. */
function EntryLine({ entry: e }: { entry: LockEntry }) {
  return (
    <div className="flex flex-wrap items-center gap-x-3">
      <span className="font-mono break-all">{displayKey(e.key, e.keyEncoding)}</span>
      {e.value ? (
        <span aria-label="Value" className="font-mono text-slate-700">
          = {e.valueEncoding === "utf8" ? e.value : `base64:${e.value}`}
        </span>
      ) : null}
      <span className="text-xs text-slate-500">lease {e.lease}</span>
      <LeaseCountdown
        lease={e.lease}
        watchKey={{ key: e.key, keyEncoding: e.keyEncoding }}
        compact
      />
    </div>
  );
}
