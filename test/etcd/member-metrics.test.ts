import { describe, expect, it } from "vitest";
import { parseCompactRevision } from "@/lib/etcd/member-metrics";

describe("parseCompactRevision", () => {
  const metrics = (v: string) =>
    `# HELP etcd_debugging_mvcc_compact_revision The revision of the last compaction in store.\n` +
    `# TYPE etcd_debugging_mvcc_compact_revision gauge\n` +
    `etcd_debugging_mvcc_compact_revision ${v}\n` +
    `etcd_debugging_mvcc_compact_revision_total 3\n`;

  it("reads the gauge, including Go's exponent form for large revisions", () => {
    expect(parseCompactRevision(metrics("42"))).toBe("42");
    expect(parseCompactRevision(metrics("1.234567e+06"))).toBe("1234567");
  });

  it('maps "never compacted" (-1) to "0" and a missing gauge to null', () => {
    expect(parseCompactRevision(metrics("-1"))).toBe("0");
    expect(parseCompactRevision("etcd_server_has_leader 1\n")).toBeNull();
  });
});
