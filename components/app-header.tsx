"use client";

import Link from "next/link";
import { useHealthQuery } from "@/lib/query/use-health-query";
import { useErrorState } from "@/lib/query/error-store";
import { ReadOnlyBadge } from "./read-only";

const LATER_PAGES = ["Leases", "Services", "Cluster"] as const;

/**
 * The top bar: app name, navigation (the explorer; leases/services/cluster arrive in later
 * issues and are shown disabled) and a small etcd status read from `GET /api/v1/health`.
 */
export function AppHeader() {
  const { etcdDown } = useErrorState();
  const health = useHealthQuery(etcdDown);
  const etcd = health.data?.etcd;
  return (
    <header className="flex items-center gap-6 border-b border-slate-200 bg-slate-900 px-4 py-2 text-slate-100">
      <Link href="/" className="text-base font-semibold tracking-tight">
        etcd Explorer
      </Link>
      <nav aria-label="Main" className="flex items-center gap-1 text-sm">
        <Link href="/" aria-current="page" className="rounded px-2 py-1 bg-slate-700">
          Keys
        </Link>
        {LATER_PAGES.map((name) => (
          <span
            key={name}
            aria-disabled="true"
            title="Coming soon"
            className="cursor-not-allowed rounded px-2 py-1 text-slate-500"
          >
            {name}
          </span>
        ))}
      </nav>
      <ReadOnlyBadge />
      <p className="ml-auto text-xs text-slate-400" aria-label="etcd status">
        {etcdDown || health.isError ? (
          <span className="text-rose-300">● etcd unreachable</span>
        ) : etcd ? (
          <>
            <span className="text-emerald-400">●</span> etcd {etcd.version} · revision{" "}
            {etcd.revision} · {etcd.endpoints.join(", ")}
          </>
        ) : (
          "connecting…"
        )}
      </p>
    </header>
  );
}
