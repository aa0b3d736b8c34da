import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { ErrorToasts } from "@/components/error-toasts";
import { EtcdBanner } from "@/components/etcd-banner";
import { Providers } from "./providers";
import "./globals.css";

/** Page title and description. */
export const metadata: Metadata = {
  title: "etcd Explorer",
  description: "Browse and edit an etcd v3 keyspace.",
};

/** Root layout: header, the etcd-unavailable banner, the page, and error toasts. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="flex h-screen flex-col bg-slate-50 text-slate-900 antialiased">
        <Providers>
          <AppHeader />
          <EtcdBanner />
          <main className="min-h-0 flex-1">{children}</main>
          <ErrorToasts />
        </Providers>
      </body>
    </html>
  );
}
