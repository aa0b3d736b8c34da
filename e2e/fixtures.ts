import { test as base, expect, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";

/** Browser console messages that are expected answers, not failures (404 key_not_found, 409). */
const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of (404|409)/;

/** Gateway URL and etcd endpoint, from global-setup. */
export const BASE_URL = process.env.BASE_URL ?? "";
/** etcd client URL the gateway talks to (for etcdctl). */
export const ETCD_ENDPOINTS = process.env.ETCD_ENDPOINTS ?? "";

/** Run `etcdctl` (API v3) against the test etcd; returns stdout. */
export function etcdctl(...args: string[]): string {
  return execFileSync("/usr/bin/etcdctl", [`--endpoints=${ETCD_ENDPOINTS}`, ...args], {
    env: { ...process.env, ETCDCTL_API: "3" },
    encoding: "utf8",
  });
}

/** `fetch` a gateway route (`/api/v1/...`) and return status + JSON body. */
export async function api(
  path: string,
  init?: { method?: string; body?: unknown },
): Promise<{ status: number; body: Record<string, unknown> & { kv?: Record<string, unknown> } }> {
  const res = await fetch(`${BASE_URL}/api/v1${path}`, {
    method: init?.method ?? "GET",
    headers: init?.body ? { "content-type": "application/json" } : undefined,
    body: init?.body ? JSON.stringify(init.body) : undefined,
  });
  return { status: res.status, body: await res.json() };
}

/** Write a key through the gateway (`PUT /api/v1/kv`); value is UTF-8 unless `valueEncoding`. */
export async function putKey(key: string, value: string, valueEncoding = "utf8"): Promise<void> {
  const res = await api("/kv", { method: "PUT", body: { key, value, valueEncoding } });
  expect(res.status, `seeding ${key} through the API succeeds`).toBe(200);
}

/** Open the explorer at `?key=` (a deep link). */
/**
 * Record the page's lease reads from now on: each batched `GET /api/v1/leases/ttl` as its list
 * of IDs, and each per-lease `GET /api/v1/leases/{id}` as its path (countdowns must not make
 * those).
 */
export function recordLeaseReads(page: Page): { batches: string[][]; perLeaseReads: string[] } {
  const batches: string[][] = [];
  const perLeaseReads: string[] = [];
  page.on("request", (req) => {
    const url = new URL(req.url());
    if (url.pathname === "/api/v1/leases/ttl") {
      batches.push((url.searchParams.get("ids") ?? "").split(","));
    } else if (/^\/api\/v1\/leases\/[0-9a-f]+$/.test(url.pathname)) {
      perLeaseReads.push(url.pathname);
    }
  });
  return { batches, perLeaseReads };
}

export async function openKey(page: Page, key: string): Promise<void> {
  await page.goto(`/?key=${encodeURIComponent(key)}`);
}

type Fixtures = {
  /** A unique key prefix for this test, like `/e2e-k3j2-1/`; everything below it is deleted after. */
  prefix: string;
  /** Console errors this test expects (e.g. 503s while etcd is down), besides 404/409. */
  expectedConsoleErrors: RegExp | null;
  /** Fails the test on any unexpected browser console error, page error or JS dialog. */
  failOnConsoleErrors: void;
};

/** The e2e `test`: base URL from global-setup, a unique prefix, and console-error checks. */
export const test = base.extend<Fixtures>({
  baseURL: async ({}, provide) => provide(BASE_URL),
  prefix: async ({}, provide, testInfo) => {
    const prefix = `/e2e-${testInfo.workerIndex}-${Date.now().toString(36)}-${testInfo.testId.slice(0, 6)}/`;
    await provide(prefix);
    await api(`/kv?prefix=${encodeURIComponent(prefix)}`, { method: "DELETE" });
  },
  expectedConsoleErrors: [null, { option: true }],
  failOnConsoleErrors: [
    async ({ page, expectedConsoleErrors }, provide) => {
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() !== "error" || EXPECTED_CONSOLE.test(m.text())) return;
        if (expectedConsoleErrors?.test(m.text())) return;
        problems.push(m.text());
      });
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      page.on("dialog", (d) => {
        problems.push(`unexpected ${d.type()} dialog: ${d.message()}`);
        void d.dismiss();
      });
      await provide();
      expect(problems, "the browser console shows no errors and no alert() popped up").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
