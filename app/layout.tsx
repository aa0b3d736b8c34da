import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { ErrorToasts } from "@/components/error-toasts";
import { EtcdBanner } from "@/components/etcd-banner";
import { ReadOnlyProvider } from "@/components/read-only";
// A server component reading the env-only settings module (no etcd, no secrets exposed).
// eslint-disable-next-line no-restricted-imports
import { securityConfig } from "@/lib/http/security/config";
import { Providers } from "./providers";
import "./globals.css";

/** Page title and description. */
export const metadata: Metadata = {
  title: "etcd Explorer",
  description: "Browse and edit an etcd v3 keyspace.",
};

/**
 * Root layout: header, the etcd-unavailable banner, the page, and error toasts. Rendered per
 * request (`connection()`): the CSP nonce and the read-only setting are request-time facts.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  const { readOnly, token } = securityConfig();
  return (
    <html lang="en">
      <body className="flex h-screen flex-col bg-slate-50 text-slate-900 antialiased">
        <ReadOnlyProvider readOnly={readOnly}>
          <Providers>
            <AppHeader signOut={token !== null} />
            <EtcdBanner />
            <main className="min-h-0 flex-1">{children}</main>
            <ErrorToasts />
          </Providers>
        </ReadOnlyProvider>
      </body>
    </html>
  );
}
