import { describe, expect, it } from "vitest";
import { checkReplayStart } from "@/lib/live/replay-start";

describe("the Replay-from input check", () => {
  it("accepts a past revision, the current one and current + 1 (from now)", () => {
    expect(checkReplayStart("120", "500")).toEqual({ ok: true, revision: "120" });
    expect(checkReplayStart(" 500 ", "500")).toEqual({ ok: true, revision: "500" });
    expect(checkReplayStart("501", "500")).toEqual({ ok: true, revision: "501" });
  });

  it("refuses a revision beyond current + 1, naming the current revision", () => {
    const check = checkReplayStart("502", "500");
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.reason).toBe("future");
      expect(check.message).toContain("500");
    }
  });

  it("compares as int64, not as JS numbers", () => {
    expect(checkReplayStart("9007199254740994", "9007199254740992").ok).toBe(false);
    expect(checkReplayStart("9007199254740993", "9007199254740992").ok).toBe(true);
  });

  it("refuses anything that is not a positive decimal revision", () => {
    for (const text of ["", "0", "000", "-5", "1e3", "12a", "0x10", "1.5", " "]) {
      const check = checkReplayStart(text, "500");
      expect(check.ok ? "accepted" : check.reason, text).toBe("format");
    }
  });

  it("refuses a revision beyond int64 even when no current revision is known", () => {
    const check = checkReplayStart("9223372036854775808", null);
    expect(check.ok ? "accepted" : check.reason).toBe("int64");
    expect(checkReplayStart("9223372036854775807", null)).toEqual({
      ok: true,
      revision: "9223372036854775807",
    });
  });

  it("normalizes leading zeros", () => {
    expect(checkReplayStart("007", "500")).toEqual({ ok: true, revision: "7" });
  });
});
