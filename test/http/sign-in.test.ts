import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/http/security/next-path";
import {
  createSession,
  revokeSession,
  sessionValid,
  SESSION_TTL_MS,
} from "@/lib/http/security/sessions";
import {
  clearSignInFailures,
  noteSignInFailure,
  signInWait,
  SIGN_IN_FAILURES_PER_CLIENT,
  SIGN_IN_FAILURES_TOTAL,
  SIGN_IN_WINDOW_MS,
} from "@/lib/http/security/sign-in-limit";

describe("safeNextPath", () => {
  it.each([
    // The payloads: each means //host (another origin) to a browser.
    ["/\\host", "backslash (browsers read it as /)"],
    ["/\t/host", "tab (dropped by the URL parser)"],
    ["/\n/host", "newline (dropped)"],
    ["/\r/host", "carriage return (dropped)"],
    ["/\\/host", "backslash then slash"],
    ["/\\t/host", "a literal backslash-t"],
    ["/\\n/host", "a literal backslash-n"],
    ["//host", "protocol-relative"],
    ["//host/path", "protocol-relative with path"],
    ["///host", "triple slash"],
    ["https://evil.example/", "absolute URL"],
    ["javascript:alert(1)", "javascript: URL"],
    ["evil.example", "no leading slash"],
    ["", "empty"],
    ["/\u0000/host", "NUL"],
    ["/\u007f", "DEL"],
    ["\t//host", "leading tab"],
  ])("%j (%s) → /", (next) => expect(safeNextPath(next)).toBe("/"));

  it.each([
    ["/", "/"],
    ["/?key=%2Fapp%2Fa", "/?key=%2Fapp%2Fa"],
    ["/leases", "/leases"],
    ["/cluster#members", "/cluster#members"],
    ["/a/../b", "/b"],
    ["/%2F%2Fhost", "/%2F%2Fhost"],
    ["/%5Chost", "/%5Chost"],
  ])("%j stays on this origin as %j", (next, want) => {
    expect(safeNextPath(next)).toBe(want);
    // Whatever it returns, a browser resolves it to this origin.
    expect(new URL(safeNextPath(next), "http://127.0.0.1:3000").origin).toBe(
      "http://127.0.0.1:3000",
    );
  });

  it("refuses what isn't a string", () => {
    expect(safeNextPath(undefined)).toBe("/");
    expect(safeNextPath(null)).toBe("/");
  });
});

describe("sessions", () => {
  it("are random, end after SESSION_TTL_MS, on sign-out, and when the token changes", () => {
    const t0 = 1_000_000;
    const a = createSession("tok", t0);
    const b = createSession("tok", t0);
    expect(a.id).not.toBe(b.id);
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.maxAge).toBe(SESSION_TTL_MS / 1000);
    expect(sessionValid(a.id, "tok", t0 + SESSION_TTL_MS - 1)).toBe(true);
    expect(sessionValid(a.id, "tok", t0 + SESSION_TTL_MS)).toBe(false);
    expect(sessionValid(b.id, "other-token", t0)).toBe(false);
    expect(sessionValid(b.id, "tok", t0)).toBe(true);
    revokeSession(b.id);
    expect(sessionValid(b.id, "tok", t0)).toBe(false);
    expect(sessionValid("made-up", "tok", t0)).toBe(false);
  });
});

describe("sign-in rate limit", () => {
  it("refuses a client after 5 failures in a minute, with the wait, and lets it back after", () => {
    const t0 = 5_000_000;
    const c = "198.51.100.1";
    for (let i = 0; i < SIGN_IN_FAILURES_PER_CLIENT; i++) {
      expect(signInWait(c, t0 + i * 1000)).toBeNull();
      noteSignInFailure(c, t0 + i * 1000);
    }
    // The first failure leaves the window 60 s after it happened.
    expect(signInWait(c, t0 + 5000)).toBe(55);
    expect(signInWait("198.51.100.2", t0 + 5000), "other clients may still try").toBeNull();
    expect(signInWait(c, t0 + SIGN_IN_WINDOW_MS - 1)).toBe(1);
    expect(signInWait(c, t0 + SIGN_IN_WINDOW_MS)).toBeNull();
    clearSignInFailures(c);
    expect(signInWait(c, t0 + 5000)).toBeNull();
  });

  it("caps failures from all addresses together (X-Forwarded-For is the client's choice)", () => {
    const t0 = 9_000_000;
    for (let i = 0; i < SIGN_IN_FAILURES_TOTAL; i++) noteSignInFailure(`203.0.113.${i}`, t0);
    expect(signInWait("192.0.2.99", t0 + 1000)).toBe(59);
    expect(signInWait("192.0.2.99", t0 + SIGN_IN_WINDOW_MS)).toBeNull();
  });
});
