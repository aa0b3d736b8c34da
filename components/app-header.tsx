"use client";

import { Circle } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useHealthQuery } from "@/lib/query/use-health-query";
import { useErrorState } from "@/lib/query/error-store";
import { ClusterHealthDot } from "./cluster-health-dot";
import { ReadOnlyBadge } from "./read-only";
import { ThemeSwitch } from "./theme-switch";

/** The main nav, in order (keep the AppHeader docstring's list in step). */
const PAGES = [
  { href: "/", name: "Keys" },
  { href: "/leases", name: "Leases" },
  { href: "/services", name: "Services" },
  { href: "/locks", name: "Locks" },
  { href: "/cluster", name: "Cluster" },
  { href: "/access", name: "Users & roles" },
  { href: "/bulk", name: "Import/Export" },
  { href: "/compare", name: "Compare" },
] as const;

/**
 * The top bar, dark in both colour themes (`data-fixed-palette`, see app/dark-palette.css): the
 * app name (a link to `/`), the main nav — Keys (`/`), Leases (`/leases`), Services
 * (`/services`), Locks (`/locks`), Cluster (`/cluster`), Users & roles (`/access`),
 * Import/Export (`/bulk`), Compare (`/compare`), the current page marked `aria-current` — then
 * the read-only badge, the cluster health dot, etcd's version, revision and endpoints
 * (`GET /api/v1/health`), the theme switch and, when signed in with a token, "Sign out". On
 * the sign-in page only the app name and the theme switch: nothing there may call the API, which
 * answers 401 until the user signs in (a status read from it would say "etcd unreachable").
 * @prop signOut  whether to offer "Sign out" (the gateway has an access token configured)
 */
export function AppHeader({ signOut = false }: { signOut?: boolean }) {
  const pathname = usePathname();
  if (pathname === "/login") {
    return (
      <header
        data-fixed-palette
        className="flex items-center gap-6 border-b border-slate-200 bg-slate-900 px-4 py-2 text-slate-100 dark:border-slate-700"
      >
        <span className="text-base font-semibold tracking-tight">etcd Explorer</span>
        <div className="ml-auto">
          <ThemeSwitch />
        </div>
      </header>
    );
  }
  return <SignedInHeader pathname={pathname} signOut={signOut} />;
}

/**
 * The signed-in top bar: app name, navigation (keys, leases, services, locks, cluster, users &
 * roles), the cluster
 * health dot (`GET /api/v1/cluster`), a small etcd status read from `GET /api/v1/health`, and
 * "Sign out" when `signOut`.
 */
function SignedInHeader({ pathname, signOut }: { pathname: string; signOut: boolean }) {
  const { etcdDown } = useErrorState();
  const health = useHealthQuery(etcdDown);
  const etcd = health.data?.etcd;
  return (
    <header
      data-fixed-palette
      className="flex items-center gap-6 border-b border-slate-200 bg-slate-900 px-4 py-2 text-slate-100 dark:border-slate-700"
    >
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
      </nav>
      <ReadOnlyBadge />
      <ClusterHealthDot />
      <p className="ml-auto text-xs text-slate-400" aria-label="etcd status">
        {etcdDown || health.isError ? (
          <span className="inline-flex items-center gap-1 text-rose-300">
            <Circle aria-hidden size={8} fill="currentColor" /> etcd unreachable
          </span>
        ) : etcd ? (
          <>
            <Circle
              aria-hidden
              size={8}
              fill="currentColor"
              className="mr-1 inline text-emerald-400"
            />
            etcd {etcd.version} · revision {etcd.revision} · {etcd.endpoints.join(", ")}
          </>
        ) : (
          "connecting…"
        )}
      </p>
      <ThemeSwitch />
      {signOut ? <SignOutButton /> : null}
    </header>
  );
}

/**
 * Ends the session on the gateway (`DELETE /api/v1/session`, which also clears the cookie) and
 * goes to the sign-in page.
 */
function SignOutButton() {
  async function signOut() {
    await fetch("/api/v1/session", { method: "DELETE" }).catch(() => undefined);
    // A full page load, not router.push: no cached query or open stream outlives the session.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign("/login");
  }
  return (
    <button
      type="button"
      onClick={() => void signOut()}
      className="rounded px-2 py-1 text-xs text-slate-300 hover:bg-slate-800"
    >
      Sign out
    </button>
  );
}
