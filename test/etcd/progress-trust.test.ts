import { describe, expect, it } from "vitest";
import { answersProgressInOrder } from "@/lib/etcd/watch/progress-trust";

describe("answersProgressInOrder (may a requested progress answer be a checkpoint?)", () => {
  it("trusts 3.4 from 3.4.31, 3.5 from 3.5.13 and every 3.6 and later", () => {
    for (const v of ["3.4.31", "3.4.40", "3.5.13", "3.5.21", "3.6.0", "3.7.1", "4.0.0"]) {
      expect(answersProgressInOrder(v), v).toBe(true);
    }
  });

  it("distrusts older releases (etcd-io/etcd#15220 and the fixes after it) and unknowns", () => {
    for (const v of ["3.4.23", "3.4.25", "3.4.30", "3.5.0", "3.5.8", "3.5.12", "3.3.27", "2.3.8"]) {
      expect(answersProgressInOrder(v), v).toBe(false);
    }
    for (const v of ["", "unknown", "3.5", "v3"]) expect(answersProgressInOrder(v), v).toBe(false);
  });
});
