import { createDecipheriv } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeKubernetesValue } from "@/lib/kubernetes/decode-value";
import { DEMO_AESCBC_KEY, DEMO_OBJECTS } from "@/scripts/kubernetes/demo-objects";
import { demoValues } from "@/scripts/kubernetes/demo-values";

const file = path.resolve(import.meta.dirname, "../../scripts/lib/demo-kubernetes.json");
const checkedIn: { key: string; value: string }[] = JSON.parse(readFileSync(file, "utf8"));

describe("the demo keyspace's Kubernetes objects", () => {
  it("are what the project's encoder makes of them (run scripts/kubernetes/gen-demo.ts)", async () => {
    expect(checkedIn).toEqual(await demoValues());
  });

  it.each(DEMO_OBJECTS.map((o, i) => [o.key, o, i] as const))(
    "%s decodes back",
    async (key, demo, i) => {
      const value = Buffer.from(checkedIn[i].value, "base64");
      const decoded = await decodeKubernetesValue(value, { key: Buffer.from(key) });
      if (demo.storage === "aescbc") {
        expect(decoded).toMatchObject({
          format: "kubernetes-encrypted",
          provider: "aescbc",
          keyName: "key1",
        });
        // Real aescbc: IV (16 bytes) + AES-256-CBC of the protobuf the API server would store.
        const body = value.subarray(
          decoded!.format === "kubernetes-encrypted" ? decoded!.prefixLength : 0,
        );
        const d = createDecipheriv("aes-256-cbc", DEMO_AESCBC_KEY, body.subarray(0, 16));
        const plain = Buffer.concat([d.update(body.subarray(16)), d.final()]);
        expect(await decodeKubernetesValue(plain)).toMatchObject({ object: demo.object });
      } else {
        expect(decoded).toMatchObject({
          format: demo.storage === "json" ? "kubernetes-json" : "kubernetes",
          object: demo.object,
        });
      }
    },
  );
});
