import type { Metadata } from "next";
import { cookies } from "next/headers";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { ErrorToasts } from "@/components/error-toasts";
import { EtcdBanner } from "@/components/etcd-banner";
import { ReadOnlyProvider } from "@/components/read-only";
import { ThemeProvider } from "@/components/theme";
// A server component reading the env-only settings module (no etcd, no secrets exposed).
// eslint-disable-next-line no-restricted-imports
import { securityConfig } from "@/lib/http/security/config";
import { parseThemeChoice, THEME_COOKIE, themeAttribute } from "@/lib/theme-choice";
import { Providers } from "./providers";
import "./globals.css";

/** Page title and description. */
export const metadata: Metadata = {
  title: "etcd Explorer",
  description: "Browse and edit an etcd v3 keyspace.",
};

/**
 * Root layout: header, the etcd-unavailable banner, the page, and error toasts. Rendered per
 * request (`connection()`): the CSP nonce, the read-only setting and the remembered colour theme
 * (a cookie, rendered as `<html data-theme>` so the first paint is already in that theme) are
 * request-time facts.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  const { readOnly, token } = securityConfig();
  const theme = parseThemeChoice((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={themeAttribute(theme)}>
      <body className="flex h-screen flex-col bg-slate-50 text-slate-900 antialiased">
        <ThemeProvider initial={theme}>
          <ReadOnlyProvider readOnly={readOnly}>
            <Providers>
              <AppHeader signOut={token !== null} />
              <EtcdBanner />
              <main className="min-h-0 flex-1">{children}</main>
              <ErrorToasts />
            </Providers>
          </ReadOnlyProvider>
        </ThemeProvider>
      </body>
    </html>
  );
}
