import { GRPCDeadlineExceededError, GRPCUnavailableError } from "etcd3";
import { describe, expect, it } from "vitest";
import { neverSent } from "@/lib/etcd/client";
import { etcdToGatewayError, writeOutcomeUnknown } from "@/lib/etcd/etcd-errors";
import { isLeaderless } from "@/lib/etcd/read-fallback";
import { GatewayError } from "@/lib/errors/gateway-error";

const unavailable = (msg: string) => new GRPCUnavailableError(`14 UNAVAILABLE: ${msg}`);
const REFUSED = "No connection established. Last error: connect ECONNREFUSED 127.0.0.1:1";

describe("etcd errors on writes (outcome certain or unknown)", () => {
  it("a hasleader refusal is a 503 saying the write was not applied", () => {
    const e = etcdToGatewayError(unavailable("etcdserver: no leader"), true);
    expect(e?.status).toBe(503);
    expect(e?.code).toBe("etcd_unavailable");
    expect(e?.message).toMatch(/no leader \(quorum lost\): the write was not applied/);
  });

  it("a timeout (client deadline or etcd's own) is a 504 with an unknown outcome", () => {
    for (const err of [
      new GRPCDeadlineExceededError("4 DEADLINE_EXCEEDED: Deadline exceeded"),
      unavailable("etcdserver: request timed out"),
    ]) {
      const e = etcdToGatewayError(err, true);
      expect(e?.status, err.message).toBe(504);
      expect(e?.message).toMatch(/may or may not have been applied/);
    }
  });

  it("a connection dropped mid-write may have applied it; a never-sent one did not", () => {
    const dropped = etcdToGatewayError(unavailable("Connection dropped"), true);
    expect(dropped?.status).toBe(503);
    expect(dropped?.message).toMatch(/may or may not have been applied/);
    const refused = etcdToGatewayError(unavailable(REFUSED), true);
    expect(refused?.status).toBe(503);
    expect(refused?.message).not.toMatch(/may or may not/);
  });

  it("writeOutcomeUnknown (a TTL put then keeps its lease) agrees with the message users get", () => {
    const cases = [
      [unavailable("etcdserver: no leader"), false],
      [unavailable(REFUSED), false],
      [unavailable("Connection dropped"), true],
      [unavailable("etcdserver: request timed out"), true],
      [new GRPCDeadlineExceededError("4 DEADLINE_EXCEEDED: Deadline exceeded"), true],
      [new GatewayError("conflict", "the key changed"), false],
    ] as const;
    for (const [err, unknown] of cases) {
      expect(writeOutcomeUnknown(err), err.message).toBe(unknown);
      const shown = etcdToGatewayError(err, true)?.message ?? "";
      expect(/may or may not have been applied/.test(shown), err.message).toBe(unknown);
    }
  });

  it("the write client retries only never-sent calls", () => {
    expect(neverSent(unavailable(REFUSED))).toBe(true);
    expect(neverSent(unavailable("Connection dropped"))).toBe(false);
    expect(neverSent(unavailable("etcdserver: no leader"))).toBe(false);
    expect(neverSent(new GRPCDeadlineExceededError("4 DEADLINE_EXCEEDED"))).toBe(false);
  });
});

describe("which read failures fall back to a serializable read", () => {
  it("only raft's leaderless answers, not transport failures or deadlines", () => {
    expect(isLeaderless(unavailable("etcdserver: no leader"))).toBe(true);
    expect(isLeaderless(unavailable("etcdserver: leader changed"))).toBe(true);
    expect(isLeaderless(unavailable("etcdserver: request timed out"))).toBe(true);
    expect(isLeaderless(unavailable(REFUSED))).toBe(false);
    expect(isLeaderless(new GRPCDeadlineExceededError("4 DEADLINE_EXCEEDED"))).toBe(false);
  });
  it("a read that no member could serve says there is no leader", () => {
    const e = etcdToGatewayError(unavailable("etcdserver: no leader"), false);
    expect(e?.status).toBe(503);
    expect(e?.message).toMatch(/no leader/);
  });
});
