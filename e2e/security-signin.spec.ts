import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { freePort } from "../scripts/lib/etcd-process.mjs";
import { BASE_URL, ETCD_ENDPOINTS, expect, test } from "./fixtures";
import { startGateway, stopNext, type NextServer } from "./servers";

const TOKEN = "e2e-signin-token";

// Wrong tokens are answered 401 and, past the limit, 429: the browser logs both.
test.use({ expectedConsoleErrors: /status of (401|429)/ });
// One gateway with a token for the whole file; the rate-limit test must run last (one address).
test.describe.configure({ mode: "serial" });

let server: NextServer;
test.beforeAll(async () => {
  test.setTimeout(90_000);
  server = await startGateway({
    port: await freePort(),
    etcdEndpoints: ETCD_ENDPOINTS,
    logFile: path.join(os.tmpdir(), `etcd-explorer-e2e-signin-${process.pid}.log`),
    env: { ETCD_EXPLORER_TOKEN: TOKEN },
  });
});
test.afterAll(() => stopNext(server.pid));

async function signIn(page: Page, next: string): Promise<void> {
  await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Access token").fill(TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("the sign-in page calls no API and shows no etcd error before sign-in", async ({ page }) => {
  const apiCalls: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.startsWith("/api/")) apiCalls.push(r.url());
  });
  await page.goto(`${server.url}/`);
  await expect(page, "an unsigned visitor lands on the sign-in page").toHaveURL(/\/login\?next=/);
  await expect(page.getByLabel("Access token")).toBeVisible();
  // The header's polls ran every few seconds before: give them time to show up.
  await page.waitForTimeout(2500);
  await expect(
    page.getByText(/etcd (is )?unreachable/),
    "no etcd status or banner on /login",
  ).toHaveCount(0);
  expect(apiCalls, "nothing on /login polls the API (it would answer 401)").toEqual([]);
});

for (const payload of [
  "/\\example.invalid",
  "/\t/example.invalid",
  "/\n/example.invalid",
  "/\\/example.invalid",
  "//example.invalid",
]) {
  test(`sign-in with next=${JSON.stringify(payload)} stays on this origin`, async ({ page }) => {
    await signIn(page, payload);
    await page.waitForURL((url) => url.pathname === "/" && !url.search.includes("next"), {
      timeout: 15_000,
    });
    expect(new URL(page.url()).origin, "never another origin").toBe(new URL(server.url).origin);
    await expect(page.getByRole("link", { name: "etcd Explorer" })).toBeVisible();
  });
}

test("a same-origin next= opens after sign-in", async ({ page }) => {
  await signIn(page, "/leases?x=1");
  await page.waitForURL(`${server.url}/leases?x=1`);
});

test("prefetch headers don't skip the Host check, sign-in or CSP", async ({ playwright }) => {
  const request = await playwright.request.newContext({ maxRedirects: 0 });
  try {
    const prefetches: Record<string, string>[] = [
      { "next-router-prefetch": "1" },
      { purpose: "prefetch" },
    ];
    for (const prefetch of prefetches) {
      const what = JSON.stringify(prefetch);
      const foreign = await request.get(`${server.url}/`, {
        headers: { ...prefetch, host: "evil.example" },
      });
      expect(foreign.status(), `${what}: a foreign Host is refused`).toBe(403);

      const anonymous = await request.get(`${server.url}/`, { headers: prefetch });
      expect(anonymous.status(), `${what}: no session → sign-in`).toBe(307);
      expect(anonymous.headers().location).toMatch(/^\/login\?next=/);

      // The open gateway (no token) serves it, with the page CSP.
      const open = await request.get(`${BASE_URL}/`, { headers: prefetch });
      expect(open.status(), what).toBe(200);
      expect(open.headers()["content-security-policy"], `${what}: CSP`).toMatch(
        /script-src 'self' 'nonce-/,
      );
      const openForeign = await request.get(`${BASE_URL}/leases`, {
        headers: { ...prefetch, host: "evil.example" },
      });
      expect(openForeign.status(), `${what}: foreign Host on the open gateway`).toBe(403);
    }
  } finally {
    await request.dispose();
  }
});

test("sign-out ends the session on the gateway, not just in the browser", async ({
  page,
  context,
}) => {
  await signIn(page, "/");
  await page.waitForURL(`${server.url}/`);
  const cookie = (await context.cookies()).find((c) => c.name === "etcd_explorer_session");
  expect(cookie, "signed in with a session cookie").toBeDefined();
  expect(cookie!.value).not.toContain(TOKEN);
  const withCookie = () =>
    fetch(`${server.url}/api/v1/health`, {
      headers: { cookie: `${cookie!.name}=${cookie!.value}` },
    });
  expect((await withCookie()).status).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);
  expect((await withCookie()).status, "a copy of the old cookie no longer works").toBe(401);
});

test("five wrong tokens in a minute → the form says to wait (429)", async ({ page }) => {
  await page.goto(`${server.url}/login`);
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Access token").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Wrong token.")).toBeVisible();
  }
  await page.getByLabel("Access token").fill(TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page.getByText(/Too many wrong tokens\. Try again in \d+ s\./),
    "even the right token waits",
  ).toBeVisible();
});

test.describe("methods", () => {
  test("TRACE, PATCH and unexported methods are 405 with Allow and a JSON error", async ({
    playwright,
  }) => {
    const request = await playwright.request.newContext();
    try {
      for (const [method, url, allow] of [
        ["TRACE", "/api/v1/kv?key=a", "DELETE, GET, HEAD, OPTIONS, PUT"],
        ["PATCH", "/api/v1/kv", "DELETE, GET, HEAD, OPTIONS, PUT"],
        ["POST", "/api/v1/tree", "GET, HEAD, OPTIONS"],
        ["GET", "/api/v1/session", "DELETE, OPTIONS, POST"],
        ["TRACE", "/", "GET, HEAD"],
      ]) {
        const res = await request.fetch(`${BASE_URL}${url}`, { method });
        expect(res.status(), `${method} ${url}`).toBe(405);
        expect(res.headers().allow, `${method} ${url}`).toBe(allow);
        const body = await res.json();
        expect(body.error.code).toBe("method_not_allowed");
      }
      const options = await request.fetch(`${BASE_URL}/api/v1/kv`, { method: "OPTIONS" });
      expect(options.status()).toBe(204);
      expect(options.headers().allow).toBe("DELETE, GET, HEAD, OPTIONS, PUT");
    } finally {
      await request.dispose();
    }
  });
});
