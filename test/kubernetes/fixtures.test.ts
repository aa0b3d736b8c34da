import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeKubernetesValue } from "@/lib/kubernetes/decode-value";
import { encodeKubernetesObject } from "@/lib/kubernetes/encode";

// The Kubernetes API compatibility fixtures (kubernetes/api testdata/HEAD): for each kind, the
// bytes kube-apiserver stores and the JSON it serves. They live outside the repository.
const repoRoot = path.resolve(import.meta.dirname, "../..");
const dir = process.env.K8S_FIXTURES_DIR ?? path.resolve(repoRoot, "../shared/fixtures/kubernetes");
const present = existsSync(dir);
if (!present)
  console.warn(
    `\n*** Kubernetes fixtures not found at ${dir}: the fixture loop is SKIPPED. ` +
      "Set K8S_FIXTURES_DIR to the directory of <group>.<version>.<Kind>.pb/.json files. ***\n",
  );

const kinds = present
  ? readdirSync(dir)
      .filter((f) => f.endsWith(".pb"))
      .map((f) => f.slice(0, -3))
  : [];

/** `apps.v1.Deployment` → apps/v1, Deployment; the core group is `core.v1` → v1. */
function typeOf(base: string): { apiVersion: string; kind: string } {
  const parts = base.split(".");
  const kind = parts.pop()!;
  const version = parts.pop()!;
  const group = parts.join(".");
  return { apiVersion: group === "core" ? version : `${group}/${version}`, kind };
}

describe.runIf(present)("every fixture kind decodes to exactly the JSON the API serves", () => {
  it("has the 190+ kinds the issue names", () => {
    expect(kinds.length).toBeGreaterThanOrEqual(190);
  });

  it.each(kinds)("%s", async (base) => {
    const stored = readFileSync(path.join(dir, `${base}.pb`));
    const served = JSON.parse(readFileSync(path.join(dir, `${base}.json`), "utf8"));
    // WatchEvent's envelope has an empty TypeMeta: the file name says what it is.
    const decoded = await decodeKubernetesValue(stored, { typeHint: typeOf(base) });
    expect(decoded).toMatchObject({ format: "kubernetes", schemaKnown: true });
    if (decoded?.format !== "kubernetes") return;
    expect(decoded.unknownFields, "every field is known to the schema").toBeUndefined();
    expect(decoded.object).toStrictEqual(served);
    // Field order as the API serves it (Go declaration order), not only the same members.
    expect(JSON.stringify(decoded.object)).toBe(JSON.stringify(served));
  });

  it.each(kinds.filter((k) => !k.endsWith(".WatchEvent")))(
    "the project's encoder writes %s byte for byte as kube-apiserver does",
    async (base) => {
      const served = JSON.parse(readFileSync(path.join(dir, `${base}.json`), "utf8"));
      const stored = readFileSync(path.join(dir, `${base}.pb`));
      expect(Buffer.from(await encodeKubernetesObject(served)).equals(stored)).toBe(true);
    },
  );
});
