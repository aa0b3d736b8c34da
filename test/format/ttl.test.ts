import { describe, expect, it } from "vitest";
import { formatTtl, secondsLeft } from "@/lib/format/ttl";
import { groupInstances } from "@/app/services/_components/group-instances";
import type { KvDto } from "@/lib/contract";

describe("TTL countdown arithmetic", () => {
  it("counts whole seconds down from an absolute expiry and never below 0", () => {
    expect(secondsLeft(10_000, 0)).toBe(10);
    expect(secondsLeft(10_000, 1_500)).toBe(8);
    expect(secondsLeft(10_000, 12_000)).toBe(0);
  });

  it("formats seconds, minutes, hours and days; 0 reads expiring", () => {
    expect(formatTtl(0)).toBe("expiring");
    expect(formatTtl(42)).toBe("42s");
    expect(formatTtl(185)).toBe("3m 05s");
    expect(formatTtl(7_380)).toBe("2h 03m");
    expect(formatTtl(90_000)).toBe("1d 01h");
  });
});

describe("groupInstances", () => {
  const kv = (key: string): KvDto => ({
    key,
    keyEncoding: "utf8",
    value: "x",
    valueEncoding: "utf8",
    createRevision: "1",
    modRevision: "1",
    version: "1",
    lease: null,
    valueSize: 1,
  });

  it("groups by parent folder and keeps recently vanished keys under the prefix", () => {
    const activity = new Map([
      ["/s/api/gone", { vanishedAt: 1_000, churn: [1_000] }],
      ["/s/api/old", { vanishedAt: 0, churn: [0] }],
    ]);
    const groups = groupInstances([kv("/s/api/a"), kv("/s/web/b")], activity, 5_000, 10_000, "/s/");
    expect(groups.map((g) => [g.service, g.instances.map((i) => i.name)])).toEqual([
      ["/s/api/", ["a", "gone", "old"]],
      ["/s/web/", ["b"]],
    ]);
    expect(groups[0].instances[1].kv).toBeNull();
  });
});
