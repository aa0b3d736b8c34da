import { describe, expect, it } from "vitest";
import { MAX_TOKEN_REFRESHES, refusalAction } from "@/lib/etcd/watch/watch-refusal";

const range = { key: Buffer.from("/other/"), rangeEnd: Buffer.from("/other0"), prevKv: false };
// What etcd 3.4.23 puts in cancel_reason (measured; see lib/etcd/auth-token.ts).
const EXPIRED = "rpc error: code = Unauthenticated desc = etcdserver: invalid auth token";
const DENIED = "rpc error: code = PermissionDenied desc = etcdserver: permission denied";

describe("refusalAction (a watch create etcd refused)", () => {
  it(`retries an expired token with a fresh one ${MAX_TOKEN_REFRESHES} times in a row, then gives up`, () => {
    for (let i = 0; i < MAX_TOKEN_REFRESHES; i++) {
      expect(refusalAction(EXPIRED, range, i), `refresh ${i + 1}`).toEqual({
        retryWithFreshToken: true,
      });
    }
    const gaveUp = refusalAction(EXPIRED, range, MAX_TOKEN_REFRESHES);
    expect(gaveUp).toMatchObject({ retryWithFreshToken: false, code: "etcd_unavailable" });
    expect(gaveUp.retryWithFreshToken || gaveUp.message).toMatch(/invalid auth token/);
  });

  it("ends a permission denial with a 403 naming the prefix, never retried", () => {
    const denied = refusalAction(DENIED, range, 0);
    expect(denied).toMatchObject({
      retryWithFreshToken: false,
      code: "etcd_permission_denied",
      details: { key: "/other/", prefix: true, access: "read" },
    });
    expect(denied.retryWithFreshToken || denied.message).toMatch(
      /may not read keys under "\/other\/"/,
    );
  });

  it("ends any other refusal as etcd_unavailable with etcd's reason", () => {
    expect(refusalAction("", range, 0)).toMatchObject({
      code: "etcd_unavailable",
      message: "etcd refused the watch: no reason given",
    });
  });
});
