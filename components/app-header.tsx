"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useHealthQuery } from "@/lib/query/use-health-query";
import { useErrorState } from "@/lib/query/error-store";
import { ReadOnlyBadge } from "./read-only";

const LATER_PAGES = ["Cluster"] as const;
const PAGES = [
  { href: "/", name: "Keys" },
  { href: "/leases", name: "Leases" },
  { href: "/services", name: "Services" },
] as const;

/**
 * The top bar: app name, navigation (keys, leases, services; cluster arrives in a later issue and
 * is shown disabled) and a small etcd status read from `GET /api/v1/health`.
 */
export function AppHeader() {
  const pathname = usePathname();
  const { etcdDown } = useErrorState();
  const health = useHealthQuery(etcdDown);
  const etcd = health.data?.etcd;
  return (
    <header className="flex items-center gap-6 border-b border-slate-200 bg-slate-900 px-4 py-2 text-slate-100">
      <Link href="/" className="text-base font-semibold tracking-tight">
        etcd Explorer
      </Link>
      <nav aria-label="Main" className="flex items-center gap-1 text-sm">
        {PAGES.map((p) => (
          <Link
            key={p.href}
            href={p.href}
            aria-current={pathname === p.href ? "page" : undefined}
            className={`rounded px-2 py-1 ${pathname === p.href ? "bg-slate-700" : "text-slate-300 hover:bg-slate-800"}`}
          >
            {p.name}
          </Link>
        ))}
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
